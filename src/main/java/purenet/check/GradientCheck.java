package purenet.check;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.function.BiFunction;
import java.util.function.Function;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.loss.Loss;
import purenet.loss.ValueAndGrad;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A finite-difference gradient checker for layers and models.
 *
 * <p><b>Layer check</b> ({@link #layer}): for an upstream gradient g of the output's shape the layer's
 * backward must return the gradients of the scalar s(x, θ) = ⟨g, f(x; θ)⟩ + penalty(x; θ) (the
 * penalty is {@link Forward#penalty()}, zero for ordinary layers, whose gradient is part of the
 * backward pass). <b>Model check</b> ({@link #model}): the scalar is the loss
 * s = loss(f(x; θ), target) + penalty, and the backward pass is fed ∂loss/∂prediction.
 *
 * <p>Every element z of the input and of every parameter leaf (perturbed through
 * {@link Layer#withParams}) is estimated by central differences,
 * n = (s(z + h) − s(z − h)) / (2h) with h = step·max(1, |z|); the denominator is the difference of
 * the two perturbed values as actually represented. For the layer check the difference of the two
 * outputs is taken elementwise before the inner product with g, so output elements that do not
 * depend on z contribute exact zeros rather than the rounding of a large sum. Every evaluation runs in the same {@link Mode}: give it
 * a fixed key so that stochastic layers (dropout) draw the same mask every time.
 *
 * <p>The error of an element with analytic value a and numeric value n is
 * max(0, |a − n| − noise) / max(|a| + |n|, floor). It is scale-free, lies in [0, 1] (a wrong sign
 * gives 1, a factor 2 gives 1/3), and the floor keeps exact zeros from dividing by zero: gradients
 * smaller than the floor are compared in absolute terms. The noise is a bound on the rounding
 * error of the numeric value, which no step can remove: {@link #ROUNDING}·Σⱼ |gⱼ|(|y⁺ⱼ| + |y⁻ⱼ|)
 * / (2h) over all outputs (plus the penalties' share), or
 * {@link #ROUNDING}·(|s⁺| + |s⁻|) / (2h) for the model check. Without it a gradient that is tiny
 * next to the output it belongs to (a weight of 1e-6 beside a bias of 1) would fail a correct
 * layer. With the defaults (step {@value #DEFAULT_STEP},
 * floor {@value #DEFAULT_FLOOR}) correct layers on inputs of order 1 (Dense, softmax, random MLPs,
 * 9000 generated cases) showed raw errors |a − n| / (|a| + |n|) up to 2e-7 on gradient elements
 * above 1e-3, and every discrepancy within 8 ulp-units of the rounding bound, so the reported
 * error was 0; 1e-6 is a sound tolerance for {@link GradientReport#passes}, while a wrong factor of
 * 2 reports 1/3 and a wrong sign 1. Gradient elements far below the noise, about
 * 1e-8·Σⱼ|gⱼyⱼ|, cannot be verified by finite differences at all.
 *
 * <p>Non-smooth points (ReLU at 0, max-pooling ties) make central differences meaningless:
 * choose inputs away from them, the checker does not detect them.
 *
 * <pre>{@code
 * GradientReport r = GradientCheck.standard().layer(myLayer, x, Mode.train(Key.of(1)), Key.of(2));
 * r.assertPasses(1e-6);    // or: if (!r.passes(1e-6)) System.out.println(r);
 * }</pre>
 *
 * @param step  the relative finite-difference step; the absolute step is step·max(1, |z|)
 * @param floor the smallest denominator of the relative error
 */
public record GradientCheck(double step, double floor) {

  /**
   * The default relative step: the truncation error of central differences, O(h²), is then about
   * 1e-12 and the rounding error, O(ε/h), about 1e-10 of the scalar's magnitude.
   */
  public static final double DEFAULT_STEP = 1e-6;

  /** The default denominator floor of the relative error. */
  public static final double DEFAULT_FLOOR = 1e-8;

  /**
   * The rounding bound per unit of magnitude of the evaluated scalars: 64 ulps (64·2⁻⁵²), headroom
   * for the rounding inside a layer's forward pass.
   */
  public static final double ROUNDING = 64 * Math.ulp(1.0);

  /**
   * Validates the settings.
   *
   * @param step the relative finite-difference step; the absolute step is step·max(1, |z|)
   * @param floor the smallest denominator of the relative error
   */
  public GradientCheck {
    if (!(step > 0 && step < 1)) {
      throw new IllegalArgumentException("step must be in (0, 1), got " + step);
    }
    if (!(floor > 0 && Double.isFinite(floor))) {
      throw new IllegalArgumentException("floor must be finite and > 0, got " + floor);
    }
  }

  /** {@return the checker with the default step and floor} */
  public static GradientCheck standard() {
    return new GradientCheck(DEFAULT_STEP, DEFAULT_FLOOR);
  }

  /**
   * {@return this checker with another relative step}
   *
   * @param newStep the relative finite-difference step, &gt; 0
   */
  public GradientCheck withStep(double newStep) {
    return new GradientCheck(newStep, floor);
  }

  /**
   * {@return this checker with another denominator floor}
   *
   * @param newFloor the smallest denominator of the relative error, &gt; 0
   */
  public GradientCheck withFloor(double newFloor) {
    return new GradientCheck(step, newFloor);
  }

  /**
   * {@return a random upstream gradient for a shape: every element has magnitude uniform in [0.5,
   * 1.5] and a random sign, so it is far from uniform (a bug that permutes or sums gradients shows)
   * and no element is near 0 (none hides an error)}
   *
   * @param key the key of the draw
   * @param shape the shape of the gradient
   */
  public static Tensor upstream(Key key, Shape shape) {
    Key[] keys = key.split(2);
    double[] magnitude = keys[0].uniform(shape.size(), 0.5, 1.5);
    boolean[] negative = keys[1].bernoulli(shape.size(), 0.5);
    for (int i = 0; i < magnitude.length; i++) {
      magnitude[i] = negative[i] ? -magnitude[i] : magnitude[i];
    }
    return Tensor.of(magnitude, shape);
  }

  /**
   * Checks a layer's backward pass for the upstream gradient {@link #upstream(Key, Shape)
   * upstream(gradientKey, output shape)}; see {@link #layer(Layer, Tensor, Mode, Tensor)}.
   *
   * @param layer the layer
   * @param input the input batch
   * @param mode the mode of every forward pass (with a fixed key for stochastic layers)
   * @param gradientKey the key of the random upstream gradient
   * @return the largest relative error per checked path
   */
  public GradientReport layer(Layer layer, Tensor input, Mode mode, Key gradientKey) {
    Shape out = layer.forward(input, mode).output().shape();
    return layer(layer, input, mode, upstream(gradientKey, out));
  }

  /**
   * Checks a layer's backward pass: the gradients of s = ⟨g, f(x)⟩ + penalty with respect to the
   * input and every parameter leaf, against central differences.
   *
   * @param layer      the layer
   * @param input      the input x
   * @param mode       the mode of every forward pass (with a fixed key for stochastic layers)
   * @param outputGrad the upstream gradient g, of the output's shape
   * @return the largest relative error per checked path
   * @throws IllegalArgumentException if g's shape is not the output's, or the backward pass
   *     returns gradients of the wrong shape or structure
   */
  public GradientReport layer(Layer layer, Tensor input, Mode mode, Tensor outputGrad) {
    Forward f = layer.forward(input, mode);
    if (!f.output().shape().equals(outputGrad.shape())) {
      throw new IllegalArgumentException(layer.name() + " outputs " + f.output().shape()
          + " but the upstream gradient is " + outputGrad.shape());
    }
    Grads analytic = f.backward().apply(outputGrad);
    return compare(layer, input, mode, analytic, (plus, minus) -> {
      Difference outputs = innerOfDifference(outputGrad, plus.output(), minus.output());
      Difference penalties = scalarDifference(plus.penalty(), minus.penalty());
      return new Difference(outputs.value() + penalties.value(), outputs.rounding() + penalties.rounding());
    });
  }

  /**
   * Checks a whole model with its loss: the gradients of s = loss(f(x), target) + penalty with
   * respect to the input and every parameter leaf, where the backward pass is fed ∂loss/∂f(x).
   *
   * @param model  the model (any layer, e.g. a {@code Sequential})
   * @param loss   the loss
   * @param input  the input batch
   * @param target the target, as the loss expects it
   * @param mode   the mode of every forward pass (with a fixed key for stochastic layers)
   * @return the largest relative error per checked path
   */
  public GradientReport model(Layer model, Loss loss, Tensor input, Tensor target, Mode mode) {
    Forward f = model.forward(input, mode);
    ValueAndGrad<Tensor> l = loss.apply(f.output(), target);
    Grads analytic = f.backward().apply(l.grad());
    return compare(model, input, mode, analytic, (plus, minus) -> scalarDifference(
        loss.apply(plus.output(), target).value() + plus.penalty(),
        loss.apply(minus.output(), target).value() + minus.penalty()));
  }

  /**
   * Compares the analytic gradients with central differences; {@code difference} maps the forward
   * passes at z + h and z − h to s(z + h) − s(z − h) with a bound on its rounding error.
   */
  private GradientReport compare(Layer layer, Tensor input, Mode mode, Grads analytic,
      BiFunction<Forward, Forward, Difference> difference) {
    if (!analytic.input().shape().equals(input.shape())) {
      throw new IllegalArgumentException(layer.name() + " backward returned an input gradient of shape "
          + analytic.input().shape() + " for an input of shape " + input.shape());
    }
    Tree params = layer.params();
    params.requireSameStructure(analytic.params(), layer.name() + " backward parameter gradients");
    Vector<GradientError> errors = Vector.of(check("input", analytic.input(), input,
        z -> layer.forward(z, mode), difference));
    for (Tuple2<String, Tensor> leaf : params.flatten()) {
      String path = leaf._1;
      errors = errors.append(check(path.isEmpty() ? "params" : path, analytic.params().tensor(path), leaf._2,
          z -> layer.withParams(params.mapWithPath((p, t) -> p.equals(path) ? z : t)).forward(input, mode),
          difference));
    }
    return new GradientReport(errors, step, floor);
  }

  private GradientError check(String path, Tensor analytic, Tensor point,
      Function<Tensor, Forward> evaluate, BiFunction<Forward, Forward, Difference> difference) {
    double[] z = point.toArray();
    GradientError worst = new GradientError(path, point.shape(), 0, z.length == 0 ? -1 : 0,
        z.length == 0 ? 0 : analytic.at(0), z.length == 0 ? 0 : analytic.at(0), 0);
    for (int i = 0; i < z.length; i++) {
      double original = z[i];
      double h = step * Math.max(1.0, Math.abs(original));
      double up = original + h;
      double down = original - h;
      z[i] = up;
      Forward plus = evaluate.apply(Tensor.of(z, point.shape()));
      z[i] = down;
      Forward minus = evaluate.apply(Tensor.of(z, point.shape()));
      z[i] = original;
      Difference d = difference.apply(plus, minus);
      double n = d.value() / (up - down);
      double noise = d.rounding() / (up - down);
      double a = analytic.at(i);
      double e = relativeError(a, n, noise);
      if (e > worst.maxRelativeError()) {
        worst = new GradientError(path, point.shape(), e, i, a, n, noise);
      }
    }
    return worst;
  }

  /**
   * {@return the relative error max(0, |a − n| − noise) / max(|a| + |n|, floor); +∞ if a or n is not
   * finite}
   *
   * @param analytic the backward pass's value a
   * @param numeric the finite-difference value n
   * @param noise the bound on the rounding error of n
   */
  public double relativeError(double analytic, double numeric, double noise) {
    if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, Math.abs(analytic - numeric) - noise)
        / Math.max(Math.abs(analytic) + Math.abs(numeric), floor);
  }

  /** s(z + h) − s(z − h) and a bound on its rounding error. */
  private record Difference(double value, double rounding) {}

  /**
   * ⟨g, plus − minus⟩, differencing elementwise first, with the rounding bound of every term: an
   * output that did not change may still hide a change below its last bit.
   */
  private static Difference innerOfDifference(Tensor g, Tensor plus, Tensor minus) {
    double s = 0;
    double magnitude = 0;
    for (int i = 0; i < g.size(); i++) {
      double gi = g.at(i);
      double p = plus.at(i);
      double m = minus.at(i);
      s += gi * (p - m);
      magnitude += Math.abs(gi) * (Math.abs(p) + Math.abs(m));
    }
    return new Difference(s, ROUNDING * magnitude);
  }

  private static Difference scalarDifference(double plus, double minus) {
    return new Difference(plus - minus, ROUNDING * (Math.abs(plus) + Math.abs(minus)));
  }
}
