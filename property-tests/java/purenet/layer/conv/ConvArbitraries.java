package purenet.layer.conv;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;

/**
 * Generators of small image shapes that fit a given window, and of images without ties, for this
 * package's properties. Every generator constructs valid values directly: no filtering.
 */
final class ConvArbitraries {
  /** Largest height and width of a generated image. */
  static final int MAX_SIDE = 8;

  private ConvArbitraries() {}

  /** A window: its taps along each axis, and how it moves along each axis. */
  record Window(int kh, int kw, WindowAxis vertical, WindowAxis horizontal) {

    /** The smallest image side the kernel fits along an axis: e − before − after, at least 1. */
    int minHeight() {
      return vertical.minInput(kh);
    }

    int minWidth() {
      return horizontal.minInput(kw);
    }
  }

  /** One convolution axis: stride 1..3, padding 0..2 before and (independently) after, dilation 1..2. */
  static Arbitrary<WindowAxis> convAxes() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 2)).as(WindowAxis::new);
  }

  /** Convolution windows: kernels 1..3 × 1..3 and independent axes ({@link #convAxes}). */
  static Arbitrary<Window> convWindows() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
        convAxes(), convAxes()).as(Window::new);
  }

  /**
   * One pooling axis for a window of k taps: stride 1..3 and either dilation 1 with padding before
   * and after in [0, k) — every window then holds an input element — or dilation 2 without padding
   * (dilated windows with padding can miss the image entirely, which max pooling rejects).
   */
  static Arbitrary<WindowAxis> poolAxes(int k) {
    Arbitrary<WindowAxis> plain = Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(0, k - 1), Arbitraries.integers().between(0, k - 1))
        .as((s, before, after) -> new WindowAxis(s, before, after, 1));
    Arbitrary<WindowAxis> dilated = Arbitraries.integers().between(1, 3).map(s -> new WindowAxis(s, 0, 0, 2));
    return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(1, dilated));
  }

  /** Pooling windows: 1..3 × 1..3 with independent axes ({@link #poolAxes}). */
  static Arbitrary<Window> poolWindows() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3))
        .flatAs((kh, kw) -> Combinators.combine(poolAxes(kh), poolAxes(kw)).as((v, h) -> new Window(kh, kw, v, h)));
  }

  /** Image shapes (batch ≤ 3, the given channels, H, W ≤ 8) that {@code window} fits. */
  static Arbitrary<Shape> images(Window window, int channels) {
    return Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(window.minHeight(), MAX_SIDE),
        Arbitraries.integers().between(window.minWidth(), MAX_SIDE))
        .as((batch, h, w) -> Shape.of(batch, channels, h, w));
  }

  /**
   * Images whose elements are distinct, by construction: a random permutation of
   * 0, 1, ..., n − 1, scaled by 0.05 and centred. Neighbouring values are 0.05 apart, far more than
   * a finite-difference step, so max pooling is differentiable at every generated input.
   */
  static Arbitrary<Tensor> distinct(Shape shape) {
    int n = shape.size();
    List<Integer> range = IntStream.range(0, n).boxed().collect(Collectors.toList());
    return Arbitraries.shuffle(range).map(perm ->
        Tensor.of(perm.stream().mapToDouble(i -> 0.05 * (i - n / 2.0)).toArray(), shape));
  }
}
