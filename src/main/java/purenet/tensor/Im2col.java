package purenet.tensor;

import java.util.Arrays;

/**
 * Lowering of image patches to matrix columns (im2col) and its adjoint (col2im).
 *
 * <p>For an input (B, C, H, W), a kernel window (kh, kw) and per-axis strides sh, sw, leading
 * paddings top, left and dilations dh, dw, the lowered matrix has C·kh·kw rows and B·Ho·Wo
 * columns, row-major:
 * {@code cols[(c·kh + i)·kw + j][b·Ho·Wo + oh·Wo + ow] = x[b, c, oh·sh − top + i·dh, ow·sw − left + j·dw]},
 * zero where the index falls into the padding. Column blocks of one image are contiguous, so a
 * whole batch is lowered into one matrix and convolved by one matrix product. {@link #raise} is the
 * adjoint: it adds every column entry back onto the input position it was read from.
 */
final class Im2col {
  private Im2col() {}

  /** The geometry of one lowering: sizes of input, window and output, and the window's steps. */
  record Geometry(int channels, int height, int width, int kh, int kw, WindowAxis vertical,
      WindowAxis horizontal, int outHeight, int outWidth) {

    int rows() {
      return channels * kh * kw;
    }

    int pixels() {
      return outHeight * outWidth;
    }
  }

  /**
   * Lowers images {@code first .. first+count-1} of {@code x} (laid out (B, C, H, W)) into
   * {@code cols}, a (C·kh·kw, count·Ho·Wo) matrix; every element is written (zeros in the
   * padding), so {@code cols} may hold anything on entry.
   */
  static void lower(Geometry g, double[] x, int first, int count, double[] cols) {
    int p = g.pixels();
    int columns = count * p;
    int image = g.channels() * g.height() * g.width();
    int wo = g.outWidth();
    int sh = g.vertical().stride();
    int sw = g.horizontal().stride();
    // Without padding every tap is inside the image and every element is copied; with padding the
    // matrix is zeroed in one pass first (a bulk fill beats zeroing runs of a few elements).
    boolean padded = g.vertical().padBefore() + g.vertical().padAfter() + g.horizontal().padBefore()
        + g.horizontal().padAfter() > 0;
    if (padded) {
      Arrays.fill(cols, 0, g.rows() * columns, 0.0);
    }
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kh(); i++) {
        for (int j = 0; j < g.kw(); j++) {
          int row = ((c * g.kh() + i) * g.kw() + j) * columns;
          int rowShift = i * g.vertical().dilation() - g.vertical().padBefore();
          int colShift = j * g.horizontal().dilation() - g.horizontal().padBefore();
          int owLo = Math.min(wo, firstInside(colShift, sw));
          int owHi = Math.max(owLo, endInside(colShift, sw, g.width(), wo));
          for (int b = 0; b < count; b++) {
            int plane = (first + b) * image + c * g.height() * g.width();
            for (int oh = 0; oh < g.outHeight(); oh++) {
              int dst = row + b * p + oh * wo;
              int ih = oh * sh + rowShift;
              if (ih < 0 || ih >= g.height() || owLo == owHi) {
                continue;
              }
              int src = plane + ih * g.width() + colShift;
              if (sw == 1) {
                System.arraycopy(x, src + owLo, cols, dst + owLo, owHi - owLo);
              } else {
                for (int ow = owLo; ow < owHi; ow++) {
                  cols[dst + ow] = x[src + ow * sw];
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #lower}: adds every entry of {@code cols} (C·kh·kw, count·Ho·Wo, stored
   * from {@code colsOff}) onto the position of images {@code first ..} of {@code dx} (B, C, H, W) it
   * was lowered from.
   */
  static void raise(Geometry g, double[] cols, int colsOff, int first, int count, double[] dx) {
    int p = g.pixels();
    int columns = count * p;
    int image = g.channels() * g.height() * g.width();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kh(); i++) {
        for (int j = 0; j < g.kw(); j++) {
          int row = colsOff + ((c * g.kh() + i) * g.kw() + j) * columns;
          int rowShift = i * g.vertical().dilation() - g.vertical().padBefore();
          int colShift = j * g.horizontal().dilation() - g.horizontal().padBefore();
          int sh = g.vertical().stride();
          int sw = g.horizontal().stride();
          int owLo = firstInside(colShift, sw);
          int owHi = endInside(colShift, sw, g.width(), g.outWidth());
          for (int b = 0; b < count; b++) {
            int plane = (first + b) * image + c * g.height() * g.width();
            for (int oh = 0; oh < g.outHeight(); oh++) {
              int ih = oh * sh + rowShift;
              if (ih < 0 || ih >= g.height()) {
                continue;
              }
              int src = row + b * p + oh * g.outWidth();
              int dst = plane + ih * g.width() + colShift;
              if (sw == 1) {
                // A unit stride on its own: the JIT vectorises this loop, not the strided one.
                for (int ow = owLo; ow < owHi; ow++) {
                  dx[dst + ow] += cols[src + ow];
                }
              } else {
                for (int ow = owLo; ow < owHi; ow++) {
                  dx[dst + ow * sw] += cols[src + ow];
                }
              }
            }
          }
        }
      }
    }
  }

  /** The first output column whose input column ow·s + shift is ≥ 0. */
  private static int firstInside(int shift, int stride) {
    return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
  }

  /** One past the last output column whose input column ow·s + shift is < width. */
  private static int endInside(int shift, int stride, int width, int outWidth) {
    int last = width - 1 - shift;
    return last < 0 ? 0 : Math.min(outWidth, last / stride + 1);
  }
}
