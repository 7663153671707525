package com.example;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Parametric ReLU (He et al. 2015, "Delving Deep into Rectifiers"): y = max(0, x) + α ⊙ min(0, x)
 * with a learnable slope α per feature. Input and output (batch, F), α (F).
 *
 * <p>Backward: ∂L/∂x = g ⊙ (1 where x &gt; 0, else α), ∂L/∂α = Σ_batch g ⊙ min(0, x). The parameter
 * tree {@code {alpha}} and {@code withParams} follow from the record component.
 *
 * @param alpha the negative slopes, (F)
 */
public record PRelu(Tensor alpha) implements Layer {

  /** Rejects a slope vector that is not (F). */
  public PRelu {
    if (alpha.rank() != 1) {
      throw new IllegalArgumentException("PRelu alpha must be (features), got " + alpha.shape());
    }
  }

  /**
   * The layer of He et al.: α = 0.25 for every feature.
   *
   * @param features F
   * @return the layer
   */
  public static PRelu of(int features) {
    return new PRelu(Tensor.full(0.25, features));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (x.rank() != 2 || x.dim(1) != alpha.dim(0)) {
      throw new IllegalArgumentException("PRelu expects (batch, " + alpha.dim(0) + "), got " + x.shape());
    }
    Tensor negative = x.map(v -> Math.min(v, 0));
    Tensor positive = x.map(v -> v > 0 ? 1 : 0);
    Tensor y = x.map(v -> Math.max(v, 0)).add(negative.mul(alpha));
    return new Forward(y, g -> new Grads(
        g.mul(positive).add(g.mul(positive.map(p -> 1 - p)).mul(alpha)),
        Tree.empty().with("alpha", g.mul(negative).sum(0))), this);
  }
}
