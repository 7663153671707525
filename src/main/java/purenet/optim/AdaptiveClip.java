package purenet.optim;

import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Adaptive gradient clipping, unit-wise (Brock, De, Smith &amp; Simonyan 2021, the clipping that
 * trains normalizer-free ResNets without batch norm): every unit's gradient is clipped relative to
 * the norm of the unit's own weights,
 * <pre>
 *   G_i ← G_i · min(1, λ·max(‖W_i‖, ε) / ‖G_i‖)
 * </pre>
 * so that ‖G_i‖ / max(‖W_i‖, ε) ≤ λ. A step then changes no unit's weights by more than a
 * fraction ≈ η·λ of their norm, whatever the scale of the loss. ε keeps units whose weights are
 * zero (fresh biases) trainable.
 *
 * <p>Units follow the library's layouts: a rank-2 leaf (a dense weight (in, out)) has one unit per
 * column, the incoming weights of an output; a rank-4 leaf (a convolution kernel (out, in, kh,
 * kw)) has one unit per output channel; any other leaf (biases, normalization scales, scalars) is
 * one unit. The paper exempts the final classifier layer; to do so, wrap this transform in
 * {@link Optimizers#masked} or chain it only over the leaves you choose.
 *
 * <p>Stateless; put it first in a chain, before the optimizer: {@code
 * GradientTransform.chain(new AdaptiveClip(0.01, 1e-3), Optimizers.momentum(0.1, 0.9))}.
 *
 * @param clipping λ &gt; 0, the largest allowed ratio of gradient norm to weight norm per unit
 * @param epsilon  ε &gt; 0, the smallest weight norm a unit is measured with
 */
public record AdaptiveClip(double clipping, double epsilon) implements GradientTransform {

  /** The paper's ε. */
  public static final double DEFAULT_EPSILON = 1e-3;

  /**
   * Rejects λ ≤ 0 and ε ≤ 0.
   *
   * @param clipping λ &gt; 0, the largest allowed ratio of gradient norm to weight norm per unit
   * @param epsilon ε &gt; 0, the smallest weight norm a unit is measured with
   */
  public AdaptiveClip {
    if (!(clipping > 0) || !Double.isFinite(clipping)) {
      throw new IllegalArgumentException("AdaptiveClip clipping must be > 0, got " + clipping);
    }
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("AdaptiveClip epsilon must be > 0, got " + epsilon);
    }
  }

  /**
   * {@return λ with the paper's ε = 10⁻³}
   *
   * @param clipping λ &gt; 0, the largest allowed ratio of gradient norm to weight norm per unit
   */
  public static AdaptiveClip of(double clipping) {
    return new AdaptiveClip(clipping, DEFAULT_EPSILON);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.zipWith(params, this::clip), state);
  }

  /** One leaf: the gradient g of weights w, clipped unit by unit. */
  private Tensor clip(Tensor g, Tensor w) {
    if (!g.shape().equals(w.shape())) {
      throw new IllegalArgumentException("AdaptiveClip needs a gradient of its weights' shape " + w.shape() + ", got "
          + g.shape());
    }
    int[] dims = w.shape().dims();
    int units = dims.length == 2 ? dims[1] : dims.length == 4 ? dims[0] : 1;
    // Rank 2 interleaves the units (column j is every units-th element); rank 4 stores them as blocks.
    boolean columns = dims.length == 2;
    int block = w.size() / Math.max(1, units);
    double[] gv = g.toArray();
    double[] wv = w.toArray();
    double[] gSquares = new double[units];
    double[] wSquares = new double[units];
    for (int i = 0; i < gv.length; i++) {
      int unit = columns ? i % units : i / block;
      gSquares[unit] += gv[i] * gv[i];
      wSquares[unit] += wv[i] * wv[i];
    }
    double[] scale = new double[units];
    boolean clipped = false;
    for (int u = 0; u < units; u++) {
      double limit = clipping * Math.max(Math.sqrt(wSquares[u]), epsilon);
      double norm = Math.sqrt(gSquares[u]);
      scale[u] = norm > limit ? limit / norm : 1.0;
      clipped |= norm > limit;
    }
    if (!clipped) {
      return g;
    }
    for (int i = 0; i < gv.length; i++) {
      gv[i] *= scale[columns ? i % units : i / block];
    }
    return Tensor.of(gv, g.shape());
  }
}
