package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.data.TextCorpus;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** CustomCell on small data: both cells learn, the forward-only cell's derived gradients are right. */
class CustomCellTest {

  @Test
  void bothCellsLearnTheGeneratedTextAndTheMguIsReportedNextToTheLstm() {
    TextCorpus text = TextCorpus.of(CustomCell.generatedText(Key.of(5), 2_400));
    CustomCell.Settings tiny = new CustomCell.Settings(16, 4, 12, 3, 2_000, 400, 0.02, 1.0, 3);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CustomCell.Result r = CustomCell.run(text, tiny, new PrintStream(printed, true, StandardCharsets.UTF_8));
    double uniform = Math.log(text.vocabulary().size()) / Math.log(2);
    for (CustomCell.Run run : new CustomCell.Run[] {r.mgu(), r.lstm()}) {
      assertEquals(3, run.trainBits().size(), run.toString());
      // from about log₂ V ≈ 4.6 bpc, three epochs on 2,000 characters of the bigram text get well below it
      assertTrue(run.trainBits().last() < uniform - 1, run + " vs uniform " + uniform);
      assertTrue(run.validationBits() < uniform - 1, run + " vs uniform " + uniform);
    }
    // three (F + H)·H-sized blocks and 2H biases against the LSTM's four gates
    int v = text.vocabulary().size();
    assertEquals(v * 32L + 2 * 16 * 16 + 32 + 16 * v + v, r.mgu().parameters());
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("MGU (forward only)") && out.contains("LSTM (hand-written)") && out.contains("bpc"), out);
  }

  @Test
  void theMguBackwardDerivedFromItsForwardMatchesFiniteDifferences() {
    CustomCell.Mgu cell = CustomCell.Mgu.of(3, 4, Key.of(1));
    Tensor x = Tensor.of(Key.of(2).uniform(2 * 5 * 3, -1, 1), 2, 5, 3);
    GradientCheck.standard().layer(cell, x, Mode.eval(), Key.of(3)).assertPasses(1e-6);
  }

  @Test
  void generatedTextIsKeyedAndOfTheAskedLength() {
    assertEquals(CustomCell.generatedText(Key.of(1), 500), CustomCell.generatedText(Key.of(1), 500));
    assertEquals(500, CustomCell.generatedText(Key.of(1), 500).length());
    assertThrows(IllegalArgumentException.class, () -> CustomCell.generatedText(Key.of(1), 0));
  }
}
