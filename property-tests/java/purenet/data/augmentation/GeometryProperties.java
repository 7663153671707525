package purenet.data.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Laws of the geometric augmentations, all exact (bit for bit) because integer source coordinates
 * copy pixels: identity hyperparameters change nothing, a quarter turn is a transpose and a flip,
 * integer shifts and crops move pixels and fill the rest, a flip undoes itself; and an elastic
 * deformation moves no pixel by more than α (+1 for the bilinear neighbourhood).
 */
class GeometryProperties {

  @Provide
  Arbitrary<Tensor> batches() {
    return ImageArbitraries.batches();
  }

  /** (n, c, h, w) with every pixel (y, x) read from (y − dy, x − dx), fill outside. */
  static Tensor shifted(Tensor x, int dy, int dx, double fill) {
    int n = x.dim(0);
    int c = x.dim(1);
    int h = x.dim(2);
    int w = x.dim(3);
    double[] out = new double[x.size()];
    for (int i = 0; i < n * c; i++) {
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          int sy = y - dy;
          int sx = xx - dx;
          out[(i * h + y) * w + xx] = sy >= 0 && sy < h && sx >= 0 && sx < w ? x.at((i * h + sy) * w + sx) : fill;
        }
      }
    }
    return Tensor.of(out, x.shape());
  }

  @Property(tries = 200)
  void identityHyperparametersAreTheExactIdentity(@ForAll("batches") Tensor x, @ForAll long seed,
      @ForAll @DoubleRange(min = -1, max = 1) double fill, @ForAll @DoubleRange(min = 0, max = 5) double sigma) {
    Key key = Key.of(seed);
    assertEquals(x, new RandomAffine(0, 0, 1, 1, fill).apply(x, key), "0°, no shift, scale 1");
    assertEquals(x, new RandomAffine(0, 0, 1, 1, fill).transform(x, 0, 0, 0, 1), "the fixed identity map");
    assertEquals(x, new RandomCrop(0, fill).apply(x, key), "padding 0");
    assertEquals(x, new ElasticDeformation(0, sigma, fill).apply(x, key), "α = 0");
  }

  @Property(tries = 200)
  void aFlipAppliedTwiceWithTheSameKeyIsTheIdentity(@ForAll("batches") Tensor x, @ForAll long seed,
      @ForAll boolean horizontal, @ForAll boolean alsoVertical) {
    RandomFlip flip = new RandomFlip(horizontal, !horizontal || alsoVertical);
    assertEquals(x, flip.apply(flip.apply(x, Key.of(seed)), Key.of(seed)));
  }

  @Property(tries = 200)
  void aFlipMirrorsEachImageOrLeavesIt(@ForAll("batches") Tensor x, @ForAll long seed) {
    Tensor out = RandomFlip.horizontally().apply(x, Key.of(seed));
    int w = x.dim(3);
    for (int i = 0; i < x.dim(0); i++) {
      Tensor in = x.slice(i, i + 1);
      Tensor o = out.slice(i, i + 1);
      Tensor mirrored = Tensor.generate(in.shape(), p -> in.at(p - p % w + (w - 1 - p % w)));
      assertTrue(o.equals(in) || o.equals(mirrored), "image " + i);
    }
  }

  /** A counter-clockwise quarter turn of a square image: out(y, x) = in(x, s − 1 − y). */
  @Property(tries = 200)
  void aQuarterTurnOfASquareImageIsATransposeAndAFlip(@ForAll @IntRange(min = 1, max = 10) int side,
      @ForAll @IntRange(min = 1, max = 3) int n, @ForAll long seed, @ForAll @DoubleRange(min = -1, max = 1) double fill) {
    Tensor x = ImageArbitraries.batch(n, 2, side, side, seed);
    Tensor turned = new RandomAffine(0, 0, 1, 1, fill).transform(x, 90, 0, 0, 1);
    Tensor expected = Tensor.generate(x.shape(), p -> {
      int plane = p / (side * side);
      int y = p / side % side;
      int xx = p % side;
      return x.at(plane * side * side + xx * side + (side - 1 - y));
    });
    assertEquals(expected, turned);
    RandomAffine affine = new RandomAffine(0, 0, 1, 1, fill);
    assertEquals(x, affine.transform(affine.transform(turned, 180, 0, 0, 1), 90, 0, 0, 1), "four quarter turns");
  }

  @Property(tries = 200)
  void anIntegerTranslationShiftsPixelsAndFills(@ForAll("batches") Tensor x, @ForAll @IntRange(min = -10, max = 10) int dy,
      @ForAll @IntRange(min = -10, max = 10) int dx, @ForAll @DoubleRange(min = -1, max = 1) double fill) {
    assertEquals(shifted(x, dy, dx, fill), new RandomAffine(0, 0, 1, 1, fill).transform(x, 0, dx, dy, 1));
  }

  @Property(tries = 200)
  void aCropIsAnIntegerShiftOfAtMostThePadding(@ForAll("batches") Tensor x, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int padding, @ForAll @DoubleRange(min = -1, max = 1) double fill) {
    Tensor out = new RandomCrop(padding, fill).apply(x, Key.of(seed));
    for (int i = 0; i < x.dim(0); i++) {
      Tensor in = x.slice(i, i + 1);
      Tensor o = out.slice(i, i + 1);
      boolean found = false;
      for (int dy = -padding; dy <= padding && !found; dy++) {
        for (int dx = -padding; dx <= padding && !found; dx++) {
          found = o.equals(shifted(in, dy, dx, fill));
        }
      }
      assertTrue(found, "image " + i + " is no shift by at most " + padding);
    }
  }

  /**
   * A single bright pixel on a fill-0 background: since every displacement component lies in
   * [−α, α] and bilinear interpolation reads the four pixels around the source coordinate, every
   * non-zero output pixel lies strictly within α + 1 of the bright one in each axis.
   */
  @Property(tries = 200)
  void anElasticDeformationMovesAPixelByAtMostAlpha(@ForAll @IntRange(min = 3, max = 16) int side,
      @ForAll @DoubleRange(min = 0, max = 6) double alpha, @ForAll @DoubleRange(min = 0, max = 4) double sigma,
      @ForAll long seed) {
    int py = side / 2;
    int px = side / 3;
    double[] one = new double[side * side];
    one[py * side + px] = 1;
    Tensor out = ElasticDeformation.of(alpha, sigma).apply(Tensor.of(one, 1, 1, side, side), Key.of(seed));
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double v = out.at(y * side + x);
        assertTrue(v >= 0 && v <= 1, "interpolated values stay in the range, got " + v);
        if (v != 0) {
          assertTrue(Math.abs(y - py) < alpha + 1 && Math.abs(x - px) < alpha + 1,
              "pixel (" + y + ", " + x + ") = " + v + " is farther than α + 1 = " + (alpha + 1) + " from (" + py + ", "
                  + px + ")");
        }
      }
    }
  }

  /** The affine map with scale s keeps a constant image (fill equal to it) constant, up to 1e-12 relative. */
  @Property(tries = 200)
  void anAffineMapOfAConstantImageWithTheSameFillIsConstant(@ForAll @DoubleRange(min = -3, max = 3) double c,
      @ForAll long seed) {
    Tensor x = Tensor.full(c, 2, 1, 7, 9);
    Tensor out = new RandomAffine(30, 0.2, 0.7, 1.3, c).apply(x, Key.of(seed));
    assertTrue(out.allClose(x, 1e-12, 1e-12), out.toString());
  }
}
