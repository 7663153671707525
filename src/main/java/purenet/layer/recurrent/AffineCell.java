package purenet.layer.recurrent;

import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A cell whose input side is p = x·W_x + b and whose recurrent side is r = h_{t−1}·W_h, with one
 * bias: {@link ElmanRnn} and {@link Lstm}. Its parameters are {@code inputWeight} W_x (F, G·H),
 * {@code recurrentWeight} W_h (H, G·H) and {@code bias} b (G·H) for G gate blocks, and
 * ∂L/∂W_x = xsᵀ·∂p, ∂L/∂W_h = hsᵀ·∂r, ∂L/∂b = Σ ∂p, ∂L/∂x = ∂p·W_xᵀ over all steps.
 */
public interface AffineCell extends Cell {

  /** {@return w_x, (F, G·H)} */
  Tensor inputWeight();

  /** {@return w_h, (H, G·H)} */
  Tensor recurrentWeight();

  /** {@return b, (G·H)} */
  Tensor bias();

  @Override
  default int features() {
    return inputWeight().dim(0);
  }

  @Override
  default int hiddenSize() {
    return recurrentWeight().dim(0);
  }

  @Override
  default Tensor project(Tensor xs) {
    return xs.affine(inputWeight(), bias());
  }

  @Override
  default Tensor inputGradient(Tensor dProjected) {
    return dProjected.matmulTransposed(inputWeight());
  }

  @Override
  default Tree paramGradients(Tensor xs, Tensor previous, Tensor dProjected, Tensor dRecurrent) {
    return Tree.empty().with("inputWeight", xs.transposedMatmul(dProjected))
        .with("recurrentWeight", previous.transposedMatmul(dRecurrent)).with("bias", dProjected.sum(0));
  }

  /** {@code inputWeight}, {@code recurrentWeight} and {@code bias}. */
  @Override
  default Tree params() {
    return Tree.empty().with("inputWeight", inputWeight()).with("recurrentWeight", recurrentWeight())
        .with("bias", bias());
  }
}
