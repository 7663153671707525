package purenet.layer.conv;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Generators of small image shapes that fit a given window, and of images without ties, for this
 * package's properties. Every generator constructs valid values directly: no filtering.
 */
final class ConvArbitraries {
  /** Largest height and width of a generated image. */
  static final int MAX_SIDE = 8;

  private ConvArbitraries() {}

  /** A window: its extent along each axis, stride, padding and dilation. */
  record Window(int kh, int kw, int stride, int padding, int dilation) {

    /** The smallest image side an extent k fits: d·(k − 1) + 1 − 2p, at least 1. */
    int minSide(int k) {
      return Math.max(1, dilation * (k - 1) + 1 - 2 * padding);
    }
  }

  /** Convolution windows: kernels 1..3 × 1..3, stride 1..3, padding 0..2, dilation 1..2. */
  static Arbitrary<Window> convWindows() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 2))
        .as(Window::new);
  }

  /** Pooling windows: 1..3 × 1..3, stride 1..3, padding below the smaller extent. */
  static Arbitrary<Window> poolWindows() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 3))
        .flatAs((kh, kw, stride) -> Arbitraries.integers().between(0, Math.min(kh, kw) - 1)
            .map(padding -> new Window(kh, kw, stride, padding, 1)));
  }

  /** Image shapes (batch ≤ 3, the given channels, H, W ≤ 8) that {@code window} fits. */
  static Arbitrary<Shape> images(Window window, int channels) {
    return Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(window.minSide(window.kh()), MAX_SIDE),
        Arbitraries.integers().between(window.minSide(window.kw()), MAX_SIDE))
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
