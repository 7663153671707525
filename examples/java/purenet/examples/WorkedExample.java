package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.loss.Loss;
import purenet.loss.SquaredError;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.regularize.Penalties;
import purenet.tensor.Tensor;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/**
 * The worked L2 example of Ashu's UEC630 lecture "Regularization", reproduced with the library: one
 * {@link TrainStep} of SGD with a coupled L2 penalty ({@code Penalized.weights(new L2(λ))}, loss
 * {@code SquaredError.halfSum()}) on the network x → w₁ → w₂ → ŷ (two bias-free 1×1 {@link Dense}
 * layers, identity activations), x = 2, y = 5, w₁ = 0.5, w₂ = 0.3, η = 0.01, λ = 0.1, loss ½(ŷ - y)², penalty
 * λ/2·(w₁² + w₂²).
 *
 * <p>By hand: h = 1, ŷ = 0.3, L = ½·4.7² = 11.045, L_reg = 11.045 + 0.05·0.34 = 11.062,
 * ∂L_reg/∂w₁ = -4.7·0.3·2 + 0.05 = -2.77, ∂L_reg/∂w₂ = -4.7·1 + 0.03 = -4.67,
 * w₁ = 0.5 + 0.0277 = 0.5277, w₂ = 0.3 + 0.0467 = 0.3467. It prints exactly
 * <pre>
 * loss=11.0450
 * regularized_loss=11.0620
 * grad_w1=-2.7700
 * grad_w2=-4.6700
 * w1=0.5277
 * w2=0.3467
 * </pre>
 *
 * <p>Seed 001 prints 11.0467 for the regularized loss: it writes λ/2 = 0.1/2 as 0.005, so its
 * penalty is 0.005·0.34 = 0.0017 instead of 0.05·0.34 = 0.017. Its gradients (λ·w = 0.05 and
 * 0.03) and updated weights use the correct λ/2 = 0.05, and no single penalty gives both 0.0017
 * and those gradients; this example keeps the consistent value 11.0620.
 */
public final class WorkedExample {
  private WorkedExample() {}

  /**
   * The numbers of one regularized step.
   *
   * @param loss            the data loss ½(ŷ - y)²
   * @param regularizedLoss the data loss plus the L2 penalty
   * @param gradW1          ∂L_reg/∂w₁
   * @param gradW2          ∂L_reg/∂w₂
   * @param w1              w₁ after the step
   * @param w2              w₂ after the step
   */
  public record Result(double loss, double regularizedLoss, double gradW1, double gradW2, double w1, double w2) {

    /** The six printed lines, four decimals each. */
    public Vector<String> lines() {
      return Vector.of(
          line("loss", loss), line("regularized_loss", regularizedLoss),
          line("grad_w1", gradW1), line("grad_w2", gradW2),
          line("w1", w1), line("w2", w2));
    }

    private static String line(String name, double value) {
      return name + "=" + String.format(Locale.ROOT, "%.4f", value);
    }
  }

  /** One SGD step with coupled L2 on the seed's network, as a pure function. */
  public static Result run() {
    Tensor x = Tensor.of(new double[] {2.0}, 1, 1);
    Tensor y = Tensor.of(new double[] {5.0}, 1, 1);
    Sequential net = Sequential.of(
        new Dense(Tensor.of(new double[] {0.5}, 1, 1), Option.none()),
        new Dense(Tensor.of(new double[] {0.3}, 1, 1), Option.none()));
    Loss loss = SquaredError.halfSum();
    Penalties l2 = Penalized.weights(new L2(0.1));
    TrainStep step = new TrainStep(loss, Optimizers.sgd(0.01), l2);
    TrainState before = step.init(net, Key.of(0));
    StepResult after = step.apply(before, x, y);

    // The step does not expose its gradient; recompute it the way the step does, to print it.
    Forward forward = net.forward(x, Mode.train(before.stepKey()));
    Grads data = forward.backward().apply(loss.apply(forward.output(), y).grad());
    Tree grads = data.params().add(l2.apply(net.params()).gradient());
    Tree updated = after.state().params();
    return new Result(
        after.metrics().dataLoss(),
        after.metrics().totalLoss(),
        grads.tensor("0/weight").item(),
        grads.tensor("1/weight").item(),
        updated.tensor("0/weight").item(),
        updated.tensor("1/weight").item());
  }

  /** Prints the six lines. */
  public static void main(String[] args) {
    run().lines().forEach(System.out::println);
  }
}
