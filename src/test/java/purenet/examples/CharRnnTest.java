package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.TextCorpus;
import purenet.random.Key;
import purenet.tensor.Tensor;

class CharRnnTest {

  private static final TextCorpus TEXT = TextCorpus.of(CharRnn.FIRST_PARAGRAPH);
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  private static CharRnn.Settings tiny(CharRnn.Cell cell) {
    return new CharRnn.Settings(cell, 24, 4, 12, 4, 1_000, 100, 0.02, 1.0, 40, 0.7, 3);
  }

  @Test
  void anLstmLearnsTheParagraphInAFewEpochs() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CharRnn.Result r = CharRnn.run(TEXT, tiny(CharRnn.Cell.LSTM), new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(4, r.epochs().size());
    double uniform = Math.log(TEXT.vocabulary().size()) / Math.log(2);
    CharRnn.Epoch first = r.epochs().head();
    CharRnn.Epoch last = r.epochs().last();
    // From about log₂ V ≈ 5.2 bpc at the start, four epochs on 1,000 characters reliably get well below it.
    assertTrue(last.trainBits() < first.trainBits() - 0.5, r.epochs().toString());
    assertTrue(last.trainBits() < uniform - 1, r.epochs().toString());
    assertTrue(Double.isFinite(r.validationBits()));
    assertEquals(40, last.sample().codePointCount(0, last.sample().length()));
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("epoch 4: train") && out.contains("bpc") && out.contains("sample: ")
        && out.contains("(this epoch ") && out.contains(" s, total "), out);
  }

  @Test
  void anElmanRnnLearnsToo() {
    CharRnn.Result r = CharRnn.run(TEXT, tiny(CharRnn.Cell.ELMAN), QUIET);
    assertTrue(r.epochs().last().trainBits() < r.epochs().head().trainBits() - 0.5, r.epochs().toString());
  }

  @Test
  void sameSeedSameRun() {
    CharRnn.Settings s = new CharRnn.Settings(CharRnn.Cell.LSTM, 8, 2, 8, 1, 400, 100, 0.01, 1.0, 20, 1.0, 9);
    assertEquals(CharRnn.run(TEXT, s, QUIET).epochs(), CharRnn.run(TEXT, s, QUIET).epochs());
  }

  @Test
  void samplingIsKeyedAndNearlyGreedyAtALowTemperature() {
    Tensor logits = Tensor.vector(0.1, 2.0, -1.0, 1.9);
    for (int i = 0; i < 20; i++) {
      assertEquals(1, CharRnn.draw(logits, 0.01, Key.of(i)), "τ = 0.01 puts e^(-10) on the runner-up");
    }
    int[] counts = new int[4];
    for (int i = 0; i < 2000; i++) {
      counts[CharRnn.draw(logits, 1.0, Key.of(i))]++;
    }
    // softmax(logits) ≈ (0.07, 0.46, 0.02, 0.42); 2000 draws put each count within ±4.5σ (σ ≤ 23).
    assertTrue(Math.abs(counts[1] - 0.465 * 2000) < 110 && Math.abs(counts[3] - 0.421 * 2000) < 110
        && counts[2] > 10, java.util.Arrays.toString(counts));
    var model = CharRnn.model(CharRnn.Cell.LSTM, TEXT.vocabulary().size(), 8, 2, Key.of(1));
    assertEquals(CharRnn.sample(model, TEXT.vocabulary(), "Call", 30, 0.8, Key.of(4)),
        CharRnn.sample(model, TEXT.vocabulary(), "Call", 30, 0.8, Key.of(4)));
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class,
        () -> new CharRnn.Settings(CharRnn.Cell.LSTM, 0, 4, 12, 4, 1_000, 100, 0.02, 1.0, 40, 0.7, 3));
    assertThrows(IllegalArgumentException.class,
        () -> new CharRnn.Settings(CharRnn.Cell.LSTM, 8, 4, 12, 4, 1_000, 100, 0.02, 1.0, 40, 0, 3));
  }
}
