package com.example;

import purenet.optim.GradientTransform;
import purenet.optim.Step;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The Lion optimizer (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms") as a
 * gradient transform: with the moment m (state, zeros at first) and gradient g,
 * c = β₁·m + (1 − β₁)·g, update = −η·(sign(c) + λ·θ), and m ← β₂·m + (1 − β₂)·g.
 *
 * @param learningRate η &gt; 0
 * @param beta1        β₁ in [0, 1), the interpolation of the update direction
 * @param beta2        β₂ in [0, 1), the decay of the moment
 * @param weightDecay  λ ≥ 0, decoupled weight decay
 */
public record Lion(double learningRate, double beta1, double beta2, double weightDecay) implements GradientTransform {

  /** Validates the hyperparameters. */
  public Lion {
    if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException("Lion needs η > 0, β₁, β₂ in [0, 1), λ >= 0, got " + this);
    }
  }

  /**
   * Lion with the paper's β₁ = 0.9, β₂ = 0.99 and no weight decay.
   *
   * @param learningRate η
   * @return the transform
   */
  public static Lion of(double learningRate) {
    return new Lion(learningRate, 0.9, 0.99, 0);
  }

  @Override
  public Tree init(Tree params) {
    return params.map(t -> Tensor.zeros(t.shape()));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree direction = state.zipWith(grads, (m, g) -> m.mul(beta1).add(g.mul(1 - beta1)).sign());
    Tree updates = direction.zipWith(params, (c, p) -> c.add(p.mul(weightDecay)).mul(-learningRate));
    return new Step(updates, state.zipWith(grads, (m, g) -> m.mul(beta2).add(g.mul(1 - beta2))));
  }
}
