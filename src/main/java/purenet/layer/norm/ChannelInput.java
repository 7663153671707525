package purenet.layer.norm;

import io.vavr.control.Option;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Shape rules of the channel-wise layers: inputs (batch, channels, d₁, ..., dₖ), viewed as
 * (batch, channels, d₁·...·dₖ). Package-internal.
 */
final class ChannelInput {
  private ChannelInput() {}

  /**
   * The problem with {@code input} for a layer over {@code channels} channels that needs at least
   * {@code minRank} axes, naming the layer and both shapes; none if it fits.
   */
  static Option<String> problem(String layer, int channels, int minRank, Shape input) {
    if (input.rank() >= minRank && input.dim(1) == channels) {
      return Option.none();
    }
    String expected = minRank <= 2
        ? "(batch, " + channels + ") or (batch, " + channels + ", ...)"
        : "(batch, " + channels + ", ...) of rank >= " + minRank;
    return Option.of(layer + " expects input " + expected + ", got " + input);
  }

  /** Throws the {@link #problem}, if any. */
  static void require(String layer, int channels, int minRank, Shape input) {
    Option<String> p = problem(layer, channels, minRank, input);
    if (p.isDefined()) {
      throw new IllegalArgumentException(p.get());
    }
  }

  /** The shape check of a layer that keeps its input's shape: ok, or the {@link #problem}. */
  static ShapeCheck check(String layer, int channels, int minRank, Shape input) {
    return problem(layer, channels, minRank, input)
        .map(p -> ShapeCheck.problem(input, p))
        .getOrElse(() -> ShapeCheck.ok(input));
  }

  /** The product of the axes after the channel axis (1 for rank 2). */
  static int inner(Shape input) {
    int n = 1;
    for (int a = 2; a < input.rank(); a++) {
      n *= input.dim(a);
    }
    return n;
  }

  /** Fails unless {@code t} is a vector of {@code channels} elements, naming the layer and the parameter. */
  static void requireVector(String layer, String param, Tensor t, int channels) {
    if (t.rank() != 1 || t.dim(0) != channels) {
      throw new IllegalArgumentException(
          layer + " " + param + " must have shape (" + channels + "), got " + t.shape());
    }
  }

  /** Fails unless {@code t} is a non-empty vector (C), naming the layer and the parameter. */
  static void requireChannels(String layer, String param, Tensor t) {
    if (t.rank() != 1 || t.dim(0) < 1) {
      throw new IllegalArgumentException(
          layer + " " + param + " must be a non-empty vector (C), got " + t.shape());
    }
  }

  /**
   * Fails unless {@code scale} is a non-empty vector (C) and {@code shift} a vector of the same C
   * (γ and β, or s and t), naming the layer and the parameter.
   */
  static void requireScaleShift(String layer, String scaleName, Tensor scale, String shiftName, Tensor shift) {
    requireChannels(layer, scaleName, scale);
    requireVector(layer, shiftName, shift, scale.dim(0));
  }

  /** Fails unless ε is positive and finite. */
  static void requireEpsilon(String layer, double epsilon) {
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException(layer + " epsilon must be > 0 and finite, got " + epsilon);
    }
  }
}
