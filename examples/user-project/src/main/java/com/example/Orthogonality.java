package com.example;

import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Tensor;

/**
 * The soft orthogonality penalty R(W) = λ·‖WᵀW − I‖²_F for a weight matrix W (in, out), which
 * pushes the columns of W towards an orthonormal set (e.g. Bansal et al. 2018, "Can We Gain More
 * from Orthogonality Regularizations in Training Deep CNNs?"). Gradient: ∇R = 4λ·W·(WᵀW − I).
 *
 * @param lambda the strength λ ≥ 0
 */
public record Orthogonality(double lambda) implements Regularizer {

  /** Rejects a negative or non-finite λ. */
  public Orthogonality {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("Orthogonality lambda must be finite and >= 0, got " + lambda);
    }
  }

  @Override
  public Penalty apply(Tensor w) {
    if (w.rank() != 2) {
      throw new IllegalArgumentException("Orthogonality needs a weight matrix (in, out), got " + w.shape());
    }
    Tensor d = w.transposedMatmul(w).sub(Tensor.eye(w.dim(1)));
    return new Penalty(lambda * d.dot(d), w.matmul(d).mul(4 * lambda));
  }
}
