package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * A random affine transformation per image: rotation by θ, scaling by s and translation by
 * (t_x, t_y) about the image centre c = ((w − 1)/2, (h − 1)/2), resampled bilinearly with
 * {@code fill} outside the source.
 *
 * <p>With x to the right and y down, output pixel (x, y) reads the source at
 * <pre>
 * u = (x − c_x − t_x) / s,   v = (y − c_y − t_y) / s
 * x_src = c_x + cos θ·u − sin θ·v,   y_src = c_y + sin θ·u + cos θ·v
 * </pre>
 * i.e. the source is scaled by s, turned counter-clockwise on screen by θ and shifted by t.
 * Image i draws (u₀, u₁, u₂, u₃) = {@code key.foldIn(i).uniform(4)} and uses
 * θ = degrees·(2u₀ − 1), t_x = translate·w·(2u₁ − 1), t_y = translate·h·(2u₂ − 1),
 * s = minScale + (maxScale − minScale)·u₃. Multiples of 90° use exact cosines and sines, so a
 * quarter turn of a square image permutes its pixels exactly.
 *
 * <p>Small affine distortions are the classic augmentation of handwritten digits (Simard,
 * Steinkraus &amp; Platt 2003; LeCun et al. 1998 §V.C).
 *
 * @param degrees   maximum rotation, θ ~ U[−degrees, degrees], in [0, 180]
 * @param translate maximum shift as a fraction of the width (x) and height (y), in [0, 1]
 * @param minScale  smallest scale factor, &gt; 0
 * @param maxScale  largest scale factor, ≥ minScale
 * @param fill      the value of pixels read from outside the source (0: MNIST's background)
 */
public record RandomAffine(double degrees, double translate, double minScale, double maxScale, double fill)
    implements Augmentation {

  /**
   * Validates the ranges.
   *
   * @param degrees maximum rotation, θ ~ U[−degrees, degrees], in [0, 180]
   * @param translate maximum shift as a fraction of the width (x) and height (y), in [0, 1]
   * @param minScale smallest scale factor, &gt; 0
   * @param maxScale largest scale factor, ≥ minScale
   * @param fill the value of pixels read from outside the source (0: MNIST's background)
   */
  public RandomAffine {
    if (!(degrees >= 0 && degrees <= 180)) {
      throw new IllegalArgumentException("RandomAffine degrees must be in [0, 180], got " + degrees);
    }
    if (!(translate >= 0 && translate <= 1)) {
      throw new IllegalArgumentException("RandomAffine translate must be in [0, 1], got " + translate);
    }
    if (!(minScale > 0 && minScale <= maxScale && Double.isFinite(maxScale))) {
      throw new IllegalArgumentException("RandomAffine scale range must satisfy 0 < minScale <= maxScale < ∞, got ["
          + minScale + ", " + maxScale + "]");
    }
    Images.requireFinite("RandomAffine fill", fill);
  }

  /**
   * {@return rotation ±{@code degrees}, shift ±{@code translate}·size, scale in [1 − scale, 1 +
   * scale], fill 0}
   *
   * @param degrees the largest rotation in degrees, either way
   * @param translate the largest shift, as a fraction of the image size, in [0, 1]
   * @param scale the largest relative change of size: the scale is drawn from [1 − scale, 1 + scale]
   */
  public static RandomAffine of(double degrees, double translate, double scale) {
    return new RandomAffine(degrees, translate, 1 - scale, 1 + scale, 0);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("RandomAffine", images);
    return Bilinear.warp(images, fill, (i, h, w, sy, sx) -> {
      double[] u = key.foldIn(i).uniform(4);
      double theta = degrees * (2 * u[0] - 1);
      double tx = translate * w * (2 * u[1] - 1);
      double ty = translate * h * (2 * u[2] - 1);
      double s = minScale + (maxScale - minScale) * u[3];
      coordinates(h, w, theta, tx, ty, s, sy, sx);
    });
  }

  /**
   * The same fixed transformation of every image: rotation by {@code theta} degrees
   * (counter-clockwise on screen), shift by ({@code tx}, {@code ty}) pixels, scale {@code s}, with
   * this record's fill — the map {@link #apply(Tensor, Key)} draws per image.
   *
   * @param images (n, channels, height, width)
   * @param theta  the rotation θ in degrees, counter-clockwise on screen
   * @param tx     the shift t_x in pixels, to the right
   * @param ty     the shift t_y in pixels, downwards
   * @param s      the scale factor, &gt; 0
   * @return (n, channels, height, width)
   * @throws IllegalArgumentException if the rank is not 4, a value is not finite or s ≤ 0
   */
  public Tensor transform(Tensor images, double theta, double tx, double ty, double s) {
    Images.require("RandomAffine", images);
    if (!(s > 0) || !Double.isFinite(theta + tx + ty + s)) {
      throw new IllegalArgumentException("RandomAffine transform needs finite values and scale > 0, got rotation "
          + theta + ", shift (" + tx + ", " + ty + "), scale " + s);
    }
    return Bilinear.warp(images, fill, (i, h, w, sy, sx) -> coordinates(h, w, theta, tx, ty, s, sy, sx));
  }

  private static void coordinates(int h, int w, double theta, double tx, double ty, double s, double[] sy,
      double[] sx) {
    double cos;
    double sin;
    double quarter = theta / 90;
    if (quarter == Math.rint(quarter)) {
      int q = Math.floorMod((int) quarter, 4);
      cos = q == 0 ? 1 : q == 2 ? -1 : 0;
      sin = q == 1 ? 1 : q == 3 ? -1 : 0;
    } else {
      cos = Math.cos(Math.toRadians(theta));
      sin = Math.sin(Math.toRadians(theta));
    }
    double cy = (h - 1) / 2.0;
    double cx = (w - 1) / 2.0;
    for (int y = 0; y < h; y++) {
      double v = (y - cy - ty) / s;
      for (int x = 0; x < w; x++) {
        double u = (x - cx - tx) / s;
        sx[y * w + x] = cx + cos * u - sin * v;
        sy[y * w + x] = cy + sin * u + cos * v;
      }
    }
  }
}
