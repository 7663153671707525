package purenet.optim;

import purenet.tree.Tree;

/**
 * Exponential moving averages of the gradient and of its square, and Adam's bias-corrected ratio
 * of the two, shared by the adaptive transforms (Adam, AMSGrad, RMSprop, Adadelta). Elementwise,
 * over trees of identical structure.
 */
final class Moments {
  private Moments() {}

  /** m ← β·m + (1 - β)·g (Adam's first moment). */
  static Tree average(double beta, Tree mean, Tree grads) {
    double keep = 1 - beta;
    return mean.zipWith(grads, (m, g) -> m.zipWith(g, (mi, gi) -> beta * mi + keep * gi));
  }

  /** v ← β·v + (1 - β)·g² (Adam's second moment, RMSprop's and Adadelta's E[g²]). */
  static Tree averageOfSquares(double beta, Tree meanSquare, Tree grads) {
    double keep = 1 - beta;
    return meanSquare.zipWith(grads, (v, g) -> v.zipWith(g, (vi, gi) -> beta * vi + keep * gi * gi));
  }

  /**
   * Adam's update at step t = 1, 2, ...: u = m̂/(√v̂ + ε) with m̂ = m/(1 - β₁ᵗ) and
   * v̂ = v/(1 - β₂ᵗ), ε outside the square root; the result has m's structure.
   */
  static Tree corrected(Tree mu, Tree nu, double b1, double b2, double epsilon, long t) {
    double c1 = 1 - Math.pow(b1, t);
    double c2 = 1 - Math.pow(b2, t);
    return mu.zipWith(nu, (m, v) -> m.zipWith(v, (mi, vi) -> (mi / c1) / (Math.sqrt(vi / c2) + epsilon)));
  }
}
