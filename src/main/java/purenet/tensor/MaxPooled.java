package purenet.tensor;

/**
 * The result of max pooling ({@link Pooling#max}): the pooled output and, kept inside, the position
 * of each window's maximum, so the gradient needs no second pass over the input.
 *
 * <p>Immutable: the positions are never handed out. {@link #inputGrad} may be called any number of
 * times.
 */
public final class MaxPooled {
  private final Tensor output;
  private final int[] argmax;
  private final Shape inputShape;

  MaxPooled(Tensor output, int[] argmax, Shape inputShape) {
    this.output = output;
    this.argmax = argmax;
    this.inputShape = inputShape;
  }

  /** {@return the pooled output (B, C, Ho, Wo)} */
  public Tensor output() {
    return output;
  }

  /**
   * {@return ∂L/∂input (B, C, H, W) for the upstream gradient {@code outputGrad} (B, C, Ho, Wo):
   * each window's gradient goes to its maximum (the first one on ties); elements that are the
   * maximum of several overlapping windows receive the sum}
   *
   * @param outputGrad ∂L/∂output, of the pooled output's shape
   */
  public Tensor inputGrad(Tensor outputGrad) {
    if (!outputGrad.shape().equals(output.shape())) {
      throw new IllegalArgumentException("max pooling output gradient must be " + output.shape() + ", got "
          + outputGrad.shape());
    }
    double[] g = outputGrad.data();
    double[] dx = new double[inputShape.size()];
    for (int o = 0; o < g.length; o++) {
      dx[argmax[o]] += g[o];
    }
    return Tensor.wrap(inputShape, dx);
  }

  @Override
  public String toString() {
    return "MaxPooled[output=" + output + ", input shape " + inputShape + "]";
  }
}
