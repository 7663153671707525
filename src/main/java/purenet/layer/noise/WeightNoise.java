package purenet.layer.noise;

import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.util.function.Predicate;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;
import purenet.layer.Inline;

/**
 * Gaussian noise on the weights of any layer (Graves 2011): each pass runs the inner
 * layer with w' = w + ε, ε ~ N(0, σ²) elementwise on the selected parameter leaves. To first order
 * this adds σ²·E‖∇_w f(x)‖² to the expected squared error (Chang Xu, Sydney lecture "Regularizations for
 * Deep Models", 2020), a penalty on the model's sensitivity to its weights.
 *
 * <p>Since ∂w'/∂w = I, the backward is the inner layer's backward at w'. Noise is drawn in
 * training and stochastic inference (from {@code mode.child(1)}'s key, one stream per leaf path);
 * the inner layer runs in {@code mode.child(0)}; evaluation is the plain inner layer. Parameters,
 * state and shapes are the inner layer's; the layer to use next keeps the clean weights.
 *
 * @param inner    the layer whose parameters are perturbed
 * @param stddev   σ &ge; 0
 * @param selected which parameter paths are perturbed (the weights by default, see {@link Selector})
 */
public record WeightNoise(@Inline Layer inner, double stddev, Predicate<String> selected) implements Layer {

  /**
   * Rejects a negative or non-finite σ.
   *
   * @param inner the layer whose parameters are perturbed
   * @param stddev σ &ge; 0
   * @param selected which parameter paths are perturbed (the weights by default, see {@link Selector})
   */
  public WeightNoise {
    if (!(stddev >= 0) || !Double.isFinite(stddev)) {
      throw new IllegalArgumentException("WeightNoise stddev must be >= 0, got " + stddev);
    }
  }

  /**
   * {@return noise of standard deviation σ on the weights ({@link Selector#weights()}) of {@code
   * inner}}
   *
   * @param inner the layer whose parameters are perturbed
   * @param stddev σ &ge; 0
   */
  public static WeightNoise of(Layer inner, double stddev) {
    return new WeightNoise(inner, stddev, Selector.weights());
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Option<Key> key = mode.child(1).randomKey();
    if (key.isEmpty() || stddev == 0) {
      Forward f = inner.forward(x, mode.child(0));
      return new Forward(f.output(), f.backward(), rewrap(f.next(), inner), f.penalty());
    }
    Key k = key.get();
    Tree noisy = inner.params().mapWithPath((path, w) -> selected.test(path) ? w.add(noise(k, path, w)) : w);
    Layer perturbed = inner.withParams(noisy);
    Forward f = perturbed.forward(x, mode.child(0));
    Layer next = f.next() == perturbed ? this : rewrap(f.next().withParams(inner.params()), inner);
    return new Forward(f.output(), f.backward(), next, f.penalty());
  }

  /** σ·N(0, 1) of w's shape from the stream of this leaf path (String.hashCode is specified). */
  private Tensor noise(Key key, String path, Tensor w) {
    double[] z = key.foldIn(path.hashCode()).normal(w.size());
    return Tensor.generate(w.shape(), i -> stddev * z[i]);
  }

  private Layer rewrap(Layer next, Layer old) {
    return next == old ? this : new WeightNoise(next, stddev, selected);
  }

  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = inner.check(input);
    return new ShapeCheck(c.output(), c.problems(), LinkedHashMap.of("inner", c));
  }

  @Override
  public String name() {
    return "WeightNoise(" + inner.name() + ")";
  }
}
