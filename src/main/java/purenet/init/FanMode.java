package purenet.init;

/** Which fan a variance-scaling initializer divides by. */
public enum FanMode {
  /** fanIn: preserves the variance of activations in the forward pass. */
  IN,
  /** fanOut: preserves the variance of gradients in the backward pass. */
  OUT,
  /** (fanIn + fanOut)/2, as Glorot. */
  AVERAGE;

  /**
   * {@return the fan this mode selects}
   *
   * @param fanIn the number of inputs feeding each output unit
   * @param fanOut the number of outputs each input unit feeds
   */
  public double of(int fanIn, int fanOut) {
    return switch (this) {
      case IN -> fanIn;
      case OUT -> fanOut;
      case AVERAGE -> (fanIn + fanOut) / 2.0;
    };
  }
}
