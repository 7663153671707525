package purenet.train;

/**
 * Which values a training step checks for NaN and ±∞, besides its loss (which it always checks).
 * Each check scans its tensors once per step and stops training with a {@link TrainingDiverged}
 * naming the step, the epoch, the batch and the position of the first non-finite element; all are
 * on by default ({@link #all()}).
 *
 * <p>Why the loss alone is not enough: a layer may turn a NaN into a finite number (a comparison
 * with NaN is false), and a non-finite gradient of one parameter can leave the loss finite for a
 * step while it poisons that parameter for good. The checks cost one pass over the batch's
 * features, one over the gradient tree and one over the updated parameters and layer state: linear
 * in the parameter count, while a step's matrix products grow faster. On a 784-256-256-10 MLP with
 * batch 128 ({@code bench.ValueCheckBenchmark}, interleaved runs on a shared 2-core machine) the
 * overhead measured −2.5 % and 7.8 % in two runs at a quiet moment (19,666 vs 19,188 and 24,129 vs
 * 26,183 images/s with and without), i.e. within the machine's noise, and 5.6 % and 22 % under
 * heavy load. Turn a check off only where its cost matters and the values are known to be finite.
 *
 * @param features   check the batch's features before the forward pass
 * @param gradients  check the gradient tree (data loss plus penalties) before the optimizer sees it
 * @param parameters check the parameters after the update and the constraints
 */
public record ValueChecks(boolean features, boolean gradients, boolean parameters) {

  /**
   * Every check on: the default of {@link TrainStep#apply(TrainState, purenet.data.Dataset)} and
   * {@link FitConfig}.
   *
   * @return features, gradients and parameters checked
   */
  public static ValueChecks all() {
    return new ValueChecks(true, true, true);
  }

  /**
   * Every check off: only the loss is checked, as before these checks existed.
   *
   * @return no value checked
   */
  public static ValueChecks none() {
    return new ValueChecks(false, false, false);
  }

  /**
   * The same checks with the feature check on or off.
   *
   * @param on whether to check the batch's features
   * @return the changed checks
   */
  public ValueChecks withFeatures(boolean on) {
    return new ValueChecks(on, gradients, parameters);
  }

  /**
   * The same checks with the gradient check on or off.
   *
   * @param on whether to check the gradient tree
   * @return the changed checks
   */
  public ValueChecks withGradients(boolean on) {
    return new ValueChecks(features, on, parameters);
  }

  /**
   * The same checks with the parameter check on or off.
   *
   * @param on whether to check the updated parameters
   * @return the changed checks
   */
  public ValueChecks withParameters(boolean on) {
    return new ValueChecks(features, gradients, on);
  }
}
