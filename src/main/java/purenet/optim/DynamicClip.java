package purenet.optim;

import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Dynamic gradient clipping (lecture notes "Regularization in CNNs" after Prince 2023, as used to train
 * normalizer-free networks): the threshold follows the recent gradient norms, ε_t = α·mean(‖g_{t-k}‖, k
 * = 1..window) + β, and the gradient is clipped by global norm to it, ĝ_t = min(1, ε_t/‖g_t‖)·g_t.
 *
 * <p>The first step has no history and passes unclipped. The history records the norms of the
 * <em>clipped</em> gradients ‖ĝ‖: recording a raw spike (say 10⁹) would lift the mean, and so the
 * threshold, for the next {@code window} steps, letting the next spikes through. With α &gt; 1 the
 * threshold can follow a growing gradient scale (by at most a factor α per window); with α &lt; 1
 * it settles at or below β/(1 - α).
 *
 * <p>State: {@code norms}, a (window) vector of the recent clipped norms, newest last, and
 * {@code count}, how many of them are filled (a scalar, at most window).
 *
 * @param alpha  α &gt; 0, how far above the recent mean a norm may go
 * @param beta   β &ge; 0, the base level of the threshold
 * @param window how many recent steps the mean runs over, &ge; 1
 */
public record DynamicClip(double alpha, double beta, int window) implements GradientTransform {

  /**
   * Validates α, β and the window.
   *
   * @param alpha α &gt; 0, how far above the recent mean a norm may go
   * @param beta β &ge; 0, the base level of the threshold
   * @param window how many recent steps the mean runs over, &ge; 1
   */
  public DynamicClip {
    if (!(alpha > 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("DynamicClip alpha must be > 0, got " + alpha);
    }
    if (!(beta >= 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("DynamicClip beta must be >= 0, got " + beta);
    }
    if (window < 1) {
      throw new IllegalArgumentException("DynamicClip window must be >= 1, got " + window);
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty().with("norms", Tensor.zeros(window)).with("count", Tensor.scalar(0));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    double[] norms = state.tensor("norms").toArray();
    int count = (int) state.tensor("count").item();
    double norm = grads.globalNorm();
    Tree clipped = count == 0 ? grads : ClipByGlobalNorm.clip(grads, norm, threshold(norms, count));
    double clippedNorm = clipped == grads ? norm : clipped.globalNorm();
    System.arraycopy(norms, 1, norms, 0, window - 1);
    norms[window - 1] = clippedNorm;
    Tree next = Tree.empty()
        .with("norms", Tensor.of(norms, window))
        .with("count", Tensor.scalar(Math.min(count + 1, window)));
    return new Step(clipped, next);
  }

  /**
   * {@return ε = α·(mean of the newest {@code count} recorded norms) + β, for the state given}
   *
   * @param state this transform's state
   */
  public double threshold(Tree state) {
    int count = (int) state.tensor("count").item();
    return count == 0 ? Double.POSITIVE_INFINITY : threshold(state.tensor("norms").toArray(), count);
  }

  private double threshold(double[] norms, int count) {
    double sum = 0;
    for (int i = window - count; i < window; i++) {
      sum += norms[i];
    }
    return alpha * sum / count + beta;
  }
}
