package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The recurrent cells, the scan and the bidirectional combinator against PyTorch 1.13's
 * {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} in float64 (batch 2, time 4, features 3,
 * hidden 5, weights in [−0.8, 0.8]), with the weights moved across as each cell's Javadoc says.
 * The values were computed by {@code scripts/pytorch/recurrent_reference.py} and committed in
 * {@code src/test/resources/pytorch/recurrent.txt}; PyTorch is not needed to run this test.
 *
 * <p>Compared: the output, the final state, ∂⟨g, y⟩/∂x and the gradient of every weight, from a
 * start state held constant. Tolerance: 1e-12 relative to the largest magnitude of the compared
 * tensor (at least 1): both sides compute the same float64 arithmetic in a different order.
 */
class PyTorchReferenceTest {

  private static final double TOLERANCE = 1e-12;
  private static final Map<String, Tensor> REF = load();

  @Test
  void elmanMatchesTorchRnn() {
    check("rnn", new ElmanRnn(t("rnn.weight_ih_l0"), t("rnn.weight_hh_l0"),
        REF.apply("rnn.bias_ih_l0").add(REF.apply("rnn.bias_hh_l0"))), Vector.of("h"));
  }

  @Test
  void lstmMatchesTorchLstm() {
    check("lstm", new Lstm(t("lstm.weight_ih_l0"), t("lstm.weight_hh_l0"),
        REF.apply("lstm.bias_ih_l0").add(REF.apply("lstm.bias_hh_l0"))), Vector.of("h", "c"));
  }

  @Test
  void gruMatchesTorchGru() {
    check("gru", gru("gru", ""), Vector.of("h"));
  }

  @Test
  void bidirectionalMatchesTorchBidirectionalLstmAndGru() {
    checkBidirectional("bilstm", Bidirectional.of(lstm("bilstm", ""), lstm("bilstm", "_reverse")));
    checkBidirectional("bigru", Bidirectional.of(gru("bigru", ""), gru("bigru", "_reverse")));
  }

  private static Lstm lstm(String name, String suffix) {
    return new Lstm(t(name + ".weight_ih_l0" + suffix), t(name + ".weight_hh_l0" + suffix),
        REF.apply(name + ".bias_ih_l0" + suffix).add(REF.apply(name + ".bias_hh_l0" + suffix)));
  }

  private static Gru gru(String name, String suffix) {
    return new Gru(t(name + ".weight_ih_l0" + suffix), t(name + ".weight_hh_l0" + suffix),
        REF.apply(name + ".bias_ih_l0" + suffix), REF.apply(name + ".bias_hh_l0" + suffix));
  }

  /** A one-direction case: start from (h0, c0), compare y, the final state and every gradient. */
  private static void check(String name, Cell cell, Vector<String> states) {
    Tensor x = REF.apply(name + ".x");
    Tree.Node start = Tree.empty();
    for (int i = 0; i < states.size(); i++) {
      start = start.with(cell.stateNames().get(i), REF.apply(name + "." + states.get(i) + "0"));
    }
    Scan scan = Scan.of(cell).carrying(x.dim(0)).withState(start);
    Forward f = scan.forward(x, Mode.train(Key.of(1)));
    Grads grads = f.backward().apply(REF.apply(name + ".g"));
    close(name + ".y", f.output());
    for (int i = 0; i < states.size(); i++) {
      close(name + "." + states.get(i) + "n", f.next().state().tensor(cell.stateNames().get(i)));
    }
    close(name + ".dx", grads.input());
    closeWeights(name, "", grads.params());
  }

  private static void checkBidirectional(String name, Layer layer) {
    Forward f = layer.forward(REF.apply(name + ".x"), Mode.train(Key.of(1)));
    Grads grads = f.backward().apply(REF.apply(name + ".g"));
    close(name + ".y", f.output());
    close(name + ".dx", grads.input());
    closeWeights(name, "", grads.params().child("forward"));
    closeWeights(name, "_reverse", grads.params().child("backward"));
  }

  /** Our weight gradients against PyTorch's: transposed matrices; a summed bias gets both bias gradients (equal). */
  private static void closeWeights(String name, String suffix, Tree grads) {
    close(name + ".d_weight_ih_l0" + suffix, grads.tensor("inputWeight").transpose());
    close(name + ".d_weight_hh_l0" + suffix, grads.tensor("recurrentWeight").transpose());
    if (grads.get("bias").isDefined()) {
      close(name + ".d_bias_ih_l0" + suffix, grads.tensor("bias"));
      close(name + ".d_bias_hh_l0" + suffix, grads.tensor("bias"));
    } else {
      close(name + ".d_bias_ih_l0" + suffix, grads.tensor("inputBias"));
      close(name + ".d_bias_hh_l0" + suffix, grads.tensor("recurrentBias"));
    }
  }

  private static void close(String name, Tensor actual) {
    Tensor expected = REF.apply(name);
    double scale = Math.max(1, expected.abs().max());
    assertTrue(expected.shape().equals(actual.shape()), name + ": shape " + actual.shape() + " vs " + expected.shape());
    double diff = actual.maxAbsDifference(expected);
    assertTrue(diff <= TOLERANCE * scale, name + ": max |difference| " + diff + " exceeds " + TOLERANCE * scale);
  }

  /** A PyTorch weight (out, in) as ours (in, out). */
  private static Tensor t(String name) {
    return REF.apply(name).transpose();
  }

  private static Map<String, Tensor> load() {
    Map<String, Tensor> tensors = HashMap.empty();
    try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream("/pytorch/recurrent.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] halves = line.split(" : ");
        String[] head = halves[0].split(" ");
        int[] shape = Arrays.stream(head, 1, head.length).mapToInt(Integer::parseInt).toArray();
        double[] values = Arrays.stream(halves[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
        tensors = tensors.put(head[0], Tensor.of(values, shape));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tensors;
  }
}
