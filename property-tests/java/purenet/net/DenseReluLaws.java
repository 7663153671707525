package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import purenet.layer.Backward;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * {@link Sequential}'s fused path for Dense layers next to ReLUs ({@code DenseRelu}) gives, bit for
 * bit, what the children give when run one by one: the output, the input gradient, every parameter
 * gradient, and the parameter gradients alone. Networks of 1–7 children drawn from Dense (with a
 * standard normal bias, or without one), ReLU and tanh in any order — so Dense→ReLU pairs, ReLU→Dense
 * pairs, chains of both, ReLUs in a row, a network that starts or ends with either — on widths 1–9
 * and batches 1–9. Exact equality, no tolerance: the fused path runs the same floating-point
 * operations in the same order.
 */
class DenseReluLaws {

  /** The kinds of child a random network is built from. */
  enum Kind { DENSE, DENSE_WITHOUT_BIAS, RELU, TANH }

  @Property(tries = 300)
  void fusedNetworkEqualsItsChildrenRunOneByOne(@ForAll @Size(min = 1, max = 7) List<Kind> kinds,
      @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 1, max = 9) Integer> widths,
      @ForAll @IntRange(min = 1, max = 9) int batch, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(kinds.size() + 2);
    List<Layer> layers = new ArrayList<>();
    int width = widths.get(0);
    int in = width;
    for (int i = 0; i < kinds.size(); i++) {
      switch (kinds.get(i)) {
        case DENSE, DENSE_WITHOUT_BIAS -> {
          int out = widths.get(1 + i % 7);
          Dense d = Blocks.dense(width, out, keys[i]);
          layers.add(kinds.get(i) == Kind.DENSE ? d : d.withoutBias());
          width = out;
        }
        case RELU -> layers.add(new Relu());
        case TANH -> layers.add(new Tanh());
      }
    }
    Tensor x = Blocks.normal(keys[kinds.size()], batch, in);
    Tensor g = Blocks.normal(keys[kinds.size() + 1], batch, width);
    Mode mode = Mode.eval();

    Forward[] one = new Forward[layers.size()];
    Tensor y = x;
    for (int i = 0; i < layers.size(); i++) {
      one[i] = layers.get(i).forward(y, mode.child(i));
      y = one[i].output();
    }
    Tensor grad = g;
    Tree[] params = new Tree[layers.size()];
    for (int i = layers.size() - 1; i >= 0; i--) {
      Grads gi = one[i].backward().apply(grad);
      params[i] = gi.params();
      grad = gi.input();
    }
    var expected = Tree.empty();
    for (int i = 0; i < params.length; i++) {
      expected = expected.with(String.valueOf(i), params[i]);
    }

    Forward fused = Sequential.of(layers.toArray(Layer[]::new)).forward(x, mode);
    assertEquals(y, fused.output(), "output of " + kinds);
    Backward back = fused.backward();
    Grads all = back.apply(g);
    assertEquals(grad, all.input(), "input gradient of " + kinds);
    assertEquals(expected.flatten(), all.params().flatten(), "parameter gradients of " + kinds);
    assertEquals(expected.flatten(), back.paramsOnly(g).flatten(), "paramsOnly of " + kinds);
  }
}
