package purenet.data.augmentation;

import purenet.tensor.Tensor;

/**
 * The resampler of every geometric augmentation: output pixel p of an h×w plane reads the source
 * plane at the real coordinate (sy[p], sx[p]) by bilinear interpolation,
 *
 * <pre>
 * out = (1 − f_y)·((1 − f_x)·I(y₀, x₀) + f_x·I(y₀, x₀+1)) + f_y·((1 − f_x)·I(y₀+1, x₀) + f_x·I(y₀+1, x₀+1))
 * </pre>
 *
 * with y₀ = ⌊y⌋, f_y = y − y₀ (likewise x) and I(r, c) = the fill value outside [0, h)×[0, w).
 * An integer coordinate copies its source pixel bit for bit (so flips, crops and integer shifts
 * are exact permutations with fill).
 */
final class Bilinear {
  private Bilinear() {}

  /** Where the output pixels of one image read from. */
  @FunctionalInterface
  interface Field {
    /** Fills sy and sx (length h·w) with the source coordinates of image {@code image}'s output pixels. */
    void coordinates(int image, int h, int w, double[] sy, double[] sx);
  }

  /**
   * Every image of (n, c, h, w) resampled through its field, all channels of an image alike;
   * pixels read from outside the source take {@code fill}.
   */
  static Tensor warp(Tensor images, double fill, Field field) {
    int n = images.dim(0);
    int c = images.dim(1);
    int h = images.dim(2);
    int w = images.dim(3);
    double[] src = images.toArray();
    double[] out = new double[src.length];
    double[] sy = new double[h * w];
    double[] sx = new double[h * w];
    for (int i = 0; i < n; i++) {
      field.coordinates(i, h, w, sy, sx);
      for (int ch = 0; ch < c; ch++) {
        int offset = (i * c + ch) * h * w;
        resample(src, offset, h, w, sy, sx, fill, out, offset);
      }
    }
    return Tensor.of(out, images.shape());
  }

  /**
   * Resamples one plane.
   *
   * @param src       the source values, plane at {@code srcOffset}, row-major h×w
   * @param dst       where to write the output plane, at {@code dstOffset}
   * @param sy        the source row coordinate of each output pixel, length h·w
   * @param sx        the source column coordinate of each output pixel, length h·w
   * @param fill      the value of pixels outside the source
   */
  static void resample(double[] src, int srcOffset, int h, int w, double[] sy, double[] sx, double fill,
      double[] dst, int dstOffset) {
    int pixels = h * w;
    for (int p = 0; p < pixels; p++) {
      double y = sy[p];
      double x = sx[p];
      double fy0 = Math.floor(y);
      double fx0 = Math.floor(x);
      double fy = y - fy0;
      double fx = x - fx0;
      // Beyond ±2^30 every neighbour is outside any plane; clamping keeps the int arithmetic safe.
      int y0 = (int) Math.max(-2, Math.min(fy0, h + 1));
      int x0 = (int) Math.max(-2, Math.min(fx0, w + 1));
      double v;
      if (fy == 0 && fx == 0) {
        v = pixel(src, srcOffset, h, w, y0, x0, fill);
      } else {
        double top = (1 - fx) * pixel(src, srcOffset, h, w, y0, x0, fill)
            + fx * pixel(src, srcOffset, h, w, y0, x0 + 1, fill);
        double bottom = (1 - fx) * pixel(src, srcOffset, h, w, y0 + 1, x0, fill)
            + fx * pixel(src, srcOffset, h, w, y0 + 1, x0 + 1, fill);
        v = (1 - fy) * top + fy * bottom;
      }
      dst[dstOffset + p] = v;
    }
  }

  private static double pixel(double[] src, int offset, int h, int w, int r, int c, double fill) {
    return r >= 0 && r < h && c >= 0 && c < w ? src[offset + r * w + c] : fill;
  }
}
