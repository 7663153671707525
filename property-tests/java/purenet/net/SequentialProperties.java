package purenet.net;

import static purenet.testkit.TensorArbitraries.awayFromZero;
import static purenet.testkit.TensorArbitraries.dims;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.GradientCheck;
import purenet.check.GradientReport;
import purenet.layer.Dense;
import purenet.layer.Identity;
import purenet.layer.Layer;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.LeakyRelu;
import purenet.layer.Relu;
import purenet.layer.Sigmoid;
import purenet.layer.Softmax;
import purenet.layer.Tanh;
import purenet.loss.Loss;
import purenet.loss.ValueAndGrad;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Random multilayer perceptrons (1 to 3 dense layers of width 1..8, random activations, an optional
 * softmax on top) pass the layer contract, compose their children, and pass the model gradient
 * check with a loss.
 *
 * <p>Kinks are avoided by construction: the bias of a dense layer feeding a ReLU or leaky ReLU is
 * chosen from the actual pre-activations of the generated batch, so that every pre-activation is at
 * least {@value #MARGIN} away from 0 (a generated fraction decides how many rows fall below the kink).
 * So are the places where central differences measure rounding instead of the derivative: inputs
 * and weights have magnitudes in [0.1, 2] and [0.1, 1] (a weight of 1e-6 moves an activation of
 * 0.5 by less than its rounding), and the units before tanh or sigmoid are scaled so that their
 * pre-activations stay within ±{@value #RESPONSIVE}, where those functions are not flat.
 */
class SequentialProperties implements LayerContract {

  static final double MARGIN = 0.05;

  /** The largest pre-activation magnitude of a unit before tanh or sigmoid (tanh'(3) ≈ 0.0099). */
  static final double RESPONSIVE = 3;

  private static final Vector<Layer> ACTIVATIONS =
      Vector.of(new Relu(), new LeakyRelu(0.1), new Tanh(), new Sigmoid(), new Identity());

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(mlps(), modes()).as((m, mode) -> new LayerCase(m.network(), m.input(), mode));
  }

  /** A network and an input it is smooth at. */
  record Mlp(Sequential network, Tensor input) {}

  @Provide
  Arbitrary<Mlp> mlps() {
    return Combinators.combine(dims(), dims().list().ofMinSize(2).ofMaxSize(4), Arbitraries.of(false, true))
        .flatAs((batch, widths, softmax) -> {
          int n = widths.size() - 1;
          List<Arbitrary<Tensor>> weights = new java.util.ArrayList<>();
          List<Arbitrary<Tensor>> biases = new java.util.ArrayList<>();
          for (int i = 0; i < n; i++) {
            // Away from 0: a tiny weight beside O(1) activations leaves a change that rounding swamps.
            weights.add(awayFromZero(Shape.of(widths.get(i), widths.get(i + 1)), 0.1, 1));
            // Biases of smooth units; the other half of the range serves as the cut fraction of kinked ones.
            biases.add(tensors(Shape.of(widths.get(i + 1)), -1, 1));
          }
          return Combinators.combine(
                  awayFromZero(Shape.of(batch, widths.get(0)), 0.1, 2),
                  Combinators.combine(weights).as(l -> l),
                  Combinators.combine(biases).as(l -> l),
                  Arbitraries.integers().between(0, ACTIVATIONS.size() - 1).list().ofSize(n - 1))
              .as((x, w, b, acts) -> new Mlp(build(x, w, b, acts, softmax), x));
        });
  }

  /**
   * Dense layers with activations between them; biases before kinks chosen away from the kink, and
   * the units before a saturating activation (tanh, sigmoid) scaled into its responsive range.
   */
  static Sequential build(Tensor x, List<Tensor> weights, List<Tensor> biases, List<Integer> acts, boolean softmax) {
    Vector<Layer> layers = Vector.empty();
    Tensor h = x;
    for (int i = 0; i < weights.size(); i++) {
      boolean kinked = i < acts.size() && acts.get(i) <= 1;
      boolean saturating = i < acts.size() && (acts.get(i) == 2 || acts.get(i) == 3);
      Tensor z = h.matmul(weights.get(i));
      Dense dense = Dense.of(weights.get(i), kinked ? awayFromKink(z, biases.get(i)) : biases.get(i));
      if (saturating) {
        dense = withinResponsiveRange(dense, h);
      }
      layers = layers.append(dense);
      h = dense.apply(h);
      if (i < acts.size()) {
        layers = layers.append(ACTIVATIONS.get(acts.get(i)));
        h = ACTIVATIONS.get(acts.get(i)).apply(h);
      }
    }
    return new Sequential(softmax ? layers.append(new Softmax()) : layers);
  }

  /**
   * The dense layer with each output unit's weights and bias scaled down so that its
   * pre-activations on {@code h} lie within ±{@link #RESPONSIVE}. Beyond that a tanh or sigmoid is
   * flat to rounding (tanh'(17) ≈ 7e-15): its output sits one ulp from ±1, and central differences
   * measure that ulp, not the derivative, so a correct layer would fail the contract.
   */
  static Dense withinResponsiveRange(Dense dense, Tensor h) {
    Tensor z = dense.apply(h);
    int units = z.dim(1);
    double[] scale = new double[units];
    for (int j = 0; j < units; j++) {
      double largest = 0;
      for (int i = 0; i < z.dim(0); i++) {
        largest = Math.max(largest, Math.abs(z.get(i, j)));
      }
      scale[j] = largest > RESPONSIVE ? RESPONSIVE / largest : 1;
    }
    Tensor s = Tensor.vector(scale);
    return Dense.of(dense.weight().mul(s), dense.bias().get().mul(s));
  }

  /**
   * A bias b such that every z[i, j] + b[j] is at least {@link #MARGIN} from 0. For unit j the
   * sorted column s₀ ≤ ... ≤ s_{B−1} is cut at position r = round((u + 1)/2 · B) for the generated
   * u ∈ [−1, 1]: b = −(s_{r−1} + s_r)/2, or 0.5 past either end; a gap narrower than 2·margin falls
   * back to "all rows active".
   */
  static Tensor awayFromKink(Tensor z, Tensor u) {
    int rows = z.dim(0);
    double[] b = new double[z.dim(1)];
    for (int j = 0; j < b.length; j++) {
      double[] s = new double[rows];
      for (int i = 0; i < rows; i++) {
        s[i] = z.get(i, j);
      }
      Arrays.sort(s);
      int r = (int) Math.round((u.at(j) + 1) / 2 * rows);
      double cut = r == 0 ? s[0] - 0.5 : r == rows ? s[rows - 1] + 0.5 : (s[r - 1] + s[r]) / 2;
      if (r > 0 && r < rows && s[r] - s[r - 1] < 2 * MARGIN) {
        cut = s[0] - 0.5;
      }
      b[j] = -cut;
    }
    return Tensor.vector(b);
  }

  /** The network's output is its children applied in order. */
  @Property(tries = 200)
  void forwardComposesTheChildren(@ForAll("mlps") Mlp m) {
    Tensor h = m.input();
    for (Layer layer : m.network().layers()) {
      h = layer.apply(h);
    }
    if (!h.equals(m.network().apply(m.input()))) {
      throw new AssertionError("Sequential output differs from applying its layers in order");
    }
  }

  /** Parameter paths are "position/name" for exactly the children that have parameters. */
  @Property(tries = 200)
  void parameterPathsArePositional(@ForAll("mlps") Mlp m) {
    Vector<String> expected = m.network().layers().zipWithIndex()
        .flatMap(p -> p._1.params().paths().map(path -> p._2 + "/" + path));
    if (!m.network().params().paths().equals(expected)) {
      throw new AssertionError("paths " + m.network().params().paths() + ", expected " + expected);
    }
  }

  /**
   * The model gradient check passes with a loss: ½‖f(x) − t‖², target t in [−1, 1]. Tolerance as
   * for the contract, relative error 1e-6.
   */
  @Property(tries = 200)
  void modelWithLossMatchesFiniteDifferences(@ForAll("mlps") Mlp m, @ForAll long seed) {
    Shape out = m.network().apply(m.input()).shape();
    Tensor target = Tensor.of(purenet.random.Key.of(seed).uniform(out.size(), -1, 1), out);
    GradientReport report = GradientCheck.standard()
        .model(m.network(), HALF_SQUARED_ERROR, m.input(), target, purenet.layer.Mode.eval());
    report.assertPasses(gradientTolerance());
  }

  /** ½Σ(p − t)², gradient p − t. */
  static final Loss HALF_SQUARED_ERROR = (p, t) -> {
    Tensor d = p.sub(t);
    return new ValueAndGrad<>(0.5 * d.dot(d), d);
  };
}
