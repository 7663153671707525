package purenet.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.tensor.Shape;

/** Fans of dense and convolution kernels, and the initializers' use of them. */
class FanProperties {

  @Property(tries = 200)
  void denseFansAreInputsAndOutputs(@ForAll @IntRange(min = 1, max = 5000) int in, @ForAll @IntRange(min = 1, max = 5000) int out) {
    assertEquals(new Fans(in, out), Fans.of(Shape.of(in, out)));
  }

  /** Kernel (k, c, kh, kw): fanIn = c·kh·kw, fanOut = k·kh·kw. */
  @Property(tries = 200)
  void convolutionFansCountTheReceptiveField(@ForAll @IntRange(min = 1, max = 64) int k,
      @ForAll @IntRange(min = 1, max = 64) int c, @ForAll @IntRange(min = 1, max = 7) int kh,
      @ForAll @IntRange(min = 1, max = 7) int kw) {
    assertEquals(new Fans(c * kh * kw, k * kh * kw), Fans.of(Shape.of(k, c, kh, kw)));
  }

  /** The two-argument initialize uses the fans of the shape: He on a kernel divides by c·kh·kw. */
  @Property(tries = 200)
  void initializersUseTheFansOfTheShape(@ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll @IntRange(min = 1, max = 8) int c, @ForAll @IntRange(min = 1, max = 5) int kh,
      @ForAll @IntRange(min = 1, max = 5) int kw, @ForAll long seed) {
    Shape kernel = Shape.of(k, c, kh, kw);
    purenet.random.Key key = purenet.random.Key.of(seed);
    assertEquals(He.normal().initialize(key, kernel, c * kh * kw, k * kh * kw), He.normal().initialize(key, kernel));
    assertEquals(Glorot.uniform().initialize(key, kernel, c * kh * kw, k * kh * kw), Glorot.uniform().initialize(key, kernel));
  }
}
