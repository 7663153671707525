package purenet.examples.expression;

import purenet.layer.Layer;
import purenet.layer.recurrent.Lstm;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The hand-written LSTM with the weights of an {@link LstmExpression}: the library's layer keeps one
 * (F + H + 1, 4H) matrix [W_x; W_h; b] with its gate blocks in the order [f, i, g, o], the
 * expression PyTorch's [i, f, g, o] in three tensors; this maps weights and gradients between them.
 */
public final class HandWrittenLstm {
  private HandWrittenLstm() {}

  /**
   * The library's LSTM layer with these weights.
   *
   * @param inputWeight     W_x, (F, 4H), gate blocks [i, f, g, o]
   * @param recurrentWeight W_h, (H, 4H)
   * @param bias            b, (4H)
   * @return the hand-written layer, (B, T, F) → (B, T, H)
   */
  public static Layer of(Tensor inputWeight, Tensor recurrentWeight, Tensor bias) {
    int h = recurrentWeight.dim(0);
    return Lstm.of(swapFirstTwoBlocks(Tensor.concat(0, inputWeight, recurrentWeight, bias.reshape(1, 4 * h)), h));
  }

  /**
   * The hand-written layer's parameter gradients as the expression's tree.
   *
   * @param handWritten the tree {@code weight} → (F + H + 1, 4H)
   * @param h           H
   * @return the tree {@code inputWeight}, {@code recurrentWeight}, {@code bias}
   */
  public static Tree gradients(Tree handWritten, int h) {
    Tensor w = swapFirstTwoBlocks(handWritten.tensor("weight"), h);
    int f = w.dim(0) - h - 1;
    return Tree.empty().with("inputWeight", w.slice(0, f)).with("recurrentWeight", w.slice(f, f + h))
        .with("bias", w.index(f + h));
  }

  private static Tensor swapFirstTwoBlocks(Tensor m, int h) {
    Tensor blocks = m.reshape(m.dim(0), 4, h);
    return Tensor.concat(1, blocks.permute(1, 0, 2).take(new int[] {1, 0, 2, 3}).permute(1, 0, 2))
        .reshape(m.dim(0), 4 * h);
  }
}
