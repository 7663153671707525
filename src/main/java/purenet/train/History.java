package purenet.train;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link Fit} measured, one immutable record per finished epoch, oldest first.
 *
 * <p>Curves for {@link Plots} come from {@link #lossCurves()} and {@link #accuracyCurves()};
 * single series from {@link #trainLoss()}, {@link #validationLoss()} and so on (index e − 1 holds
 * epoch e).
 *
 * @param epochs the epochs' records, epoch 1 first
 */
public record History(Vector<Epoch> epochs) implements Serializable {

  /**
   * One epoch's measurements.
   *
   * @param epoch              the 1-based epoch number
   * @param step               the step counter at the end of the epoch
   * @param trainLoss          the mean data loss of the epoch's training steps, each batch weighted
   *                           by its number of examples (measured in training mode, before each
   *                           update, as Keras does)
   * @param trainPenalty       the mean penalty of those steps, weighted the same way
   * @param trainAccuracy      the mean training accuracy, weighted the same way, if the loss has one
   * @param validationLoss     the validation loss after the epoch (evaluation mode), if a
   *                           validation set was given
   * @param validationAccuracy the validation accuracy after the epoch, if both exist
   */
  public record Epoch(
      int epoch,
      long step,
      double trainLoss,
      double trainPenalty,
      Option<Double> trainAccuracy,
      Option<Double> validationLoss,
      Option<Double> validationAccuracy) implements Serializable {

    /**
     * trainLoss + trainPenalty: the mean of the objective the steps minimised.
     *
     * @return trainLoss + trainPenalty
     */
    public double trainTotal() {
      return trainLoss + trainPenalty;
    }
  }

  /**
   * Rejects a null list.
   *
   * @param epochs the epochs' records, epoch 1 first
   */
  public History {
    if (epochs == null) {
      throw new IllegalArgumentException("History needs a list of epochs, got null");
    }
  }

  /** {@return the history of no epochs} */
  public static History empty() {
    return new History(Vector.empty());
  }

  /**
   * {@return this history with one more epoch}
   *
   * @param epoch the 1-based epoch number
   */
  public History append(Epoch epoch) {
    return new History(epochs.append(epoch));
  }

  /** {@return the number of epochs recorded} */
  public int size() {
    return epochs.size();
  }

  /** {@return the last epoch, if any} */
  public Option<Epoch> last() {
    return epochs.lastOption();
  }

  /** {@return mean training data loss per epoch} */
  public double[] trainLoss() {
    return series(Epoch::trainLoss);
  }

  /** {@return validation loss per epoch; fails if an epoch has none} */
  public double[] validationLoss() {
    return required("validation loss", "fit without a validation set", Epoch::validationLoss);
  }

  /** {@return mean training accuracy per epoch; fails if an epoch has none} */
  public double[] trainAccuracy() {
    return required("training accuracy", "the step reports no accuracy", Epoch::trainAccuracy);
  }

  /** {@return validation accuracy per epoch; fails if an epoch has none} */
  public double[] validationAccuracy() {
    return required("validation accuracy", "no validation set, or no accuracy", Epoch::validationAccuracy);
  }

  /**
   * {@return {@code "train"} and, when every epoch has one, {@code "validation"} loss, for {@link
   * Plots#lines}}
   */
  public Map<String, double[]> lossCurves() {
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("train", trainLoss());
    if (epochs.forAll(e -> e.validationLoss().isDefined())) {
      curves.put("validation", validationLoss());
    }
    return curves;
  }

  /** {@return {@code "train"} and {@code "validation"} accuracy, each when every epoch has one} */
  public Map<String, double[]> accuracyCurves() {
    Map<String, double[]> curves = new LinkedHashMap<>();
    if (epochs.forAll(e -> e.trainAccuracy().isDefined())) {
      curves.put("train", trainAccuracy());
    }
    if (epochs.forAll(e -> e.validationAccuracy().isDefined())) {
      curves.put("validation", validationAccuracy());
    }
    return curves;
  }

  private double[] series(Function<Epoch, Double> f) {
    return epochs.map(f).toJavaStream().mapToDouble(Double::doubleValue).toArray();
  }

  private double[] required(String what, String why, Function<Epoch, Option<Double>> f) {
    return series(e -> f.apply(e).getOrElseThrow(() -> new IllegalStateException(
        "epoch " + e.epoch() + " has no " + what + " (" + why + ")")));
  }
}
