package purenet.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowKernel} with the Vector API. Loaded by name ({@link VectorModule}) by {@link WindowKernel#get()} when the
 * module {@code jdk.incubator.vector} is present. Only a horizontal stride and dilation of 1 make a
 * row's taps contiguous; other geometries take the scalar form or decline.
 *
 * <p>{@link #raise} gathers rather than scatters: each row of the input gradient is built a vector
 * at a time in a register, as the sum of the shifted row segments of its kernel taps, and written
 * once; the scatter form read, added and wrote each element once per tap, in runs of a dozen.
 *
 * <p>Java 17's C2 keeps vectors in registers only through simple loops: a vector carried through
 * nested loops with early exits was boxed on every iteration (ten times slower). Hence the flat tap
 * lists, the one-loop helpers, and the AND with a bit pattern in place of a mask.
 */
final class VectorWindowKernel implements WindowKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> BITS = LongVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final WindowKernel SCALAR = new WindowKernel.Scalar();
  /** Lanes 0, 1, 2, …. */
  private static final DoubleVector IOTA = DoubleVector.zero(S).addIndex(1);
  /** Above every position. */
  private static final DoubleVector NONE = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
  /** Swaps lanes 2k and 2k + 1. */
  private static final VectorShuffle<Double> SWAP = VectorShuffle.fromOp(S, i -> i ^ 1);

  /*
   * The direct convolution copies the group's images into a zero-padded buffer, so that every tap
   * reads a whole vector with neither a bound nor a mask, and computes 3 or 4 output channels × two
   * vectors of an output row per pass over the taps: each tap's two loads serve 6 or 8 multiply-adds.
   * Lanes past the row are computed and dropped (or stored on the next row, written later).
   */

  @Override
  public boolean convolve(Im2col.Geometry g, double[] x, int first, int count, double[] w, int k, double[] bias,
      double[] y) {
    // Rows shorter than a vector would waste most lanes.
    if (g.horizontal().stride() != 1 || g.horizontal().dilation() != 1 || g.outWidth() < L) {
      return false;
    }
    int channels = g.channels();
    int kh = g.kh();
    int kw = g.kw();
    int ho = g.outHeight();
    int wo = g.outWidth();
    int sh = g.vertical().stride();
    int taps = channels * kh * kw;
    Padded in = Padded.of(g, x, first, count, Scratch.Slot.PATCHES);
    int[] at = in.taps();
    int planeP = in.plane();
    int wp = in.width();
    // Passes of 4 output channels when K is a multiple of 4 (eight accumulators), else of 3; the
    // weights of a pass's channels for one tap side by side, zero past K:
    // wt[(chunk·taps + n)·kc + kk] = w[chunk·kc + kk, tap n].
    int kc = k % 4 == 0 ? 4 : 3;
    int chunks = (k + kc - 1) / kc;
    double[] wt = new double[chunks * taps * kc];
    for (int kk = 0; kk < k; kk++) {
      for (int n = 0; n < taps; n++) {
        wt[((kk / kc) * taps + n) * kc + kk % kc] = w[kk * taps + n];
      }
    }
    int p = ho * wo;
    double[] tail = new double[L];
    for (int b = 0; b < count; b++) {
      int image = (first + b) * k * p;
      for (int oh = 0; oh < ho; oh++) {
        int base = b * channels * planeP + oh * sh * wp;
        for (int q = 0; q < wo; q += 2 * L) {
          Out out = new Out(y, image + oh * wo + q, p, image + p, wo - q, bias, k, tail);
          for (int chunk = 0; chunk < chunks; chunk++) {
            if (kc == 4) {
              pass4(in.xp(), base + q, at, wt, chunk * taps * kc, chunk * kc, out);
            } else {
              pass3(in.xp(), base + q, at, wt, chunk * taps * kc, chunk * kc, out);
            }
          }
        }
      }
    }
    return true;
  }

  /*
   * The direct kernel gradient pads the images as the direct convolution does, and the gradient's
   * rows with zeros to whole vectors, so that every lane past a row multiplies a zero by a zero; it
   * then forms 2 or 4 output channels × 4 taps of dot products per pass over one flat list of vector
   * positions (image, output row, block), each lane summing its own terms in that order, the lanes
   * summed at the end.
   */

  @Override
  public boolean kernelGrad(Im2col.Geometry g, double[] x, double[] gd, int first, int count, int k, double[] dw,
      int dwOff) {
    // Rows padded by more than a quarter (10 → 16 columns) lose to the patch matrix: measured
    // 1,500 → 1,800 µs for LeNet-5's second layer.
    int wq = (g.outWidth() + L - 1) / L * L;
    if (g.horizontal().stride() != 1 || g.horizontal().dilation() != 1 || 4 * wq > 5 * g.outWidth()) {
      return false;
    }
    int channels = g.channels();
    int ho = g.outHeight();
    int wo = g.outWidth();
    int p = ho * wo;
    int taps = channels * g.kh() * g.kw();
    Padded in = Padded.of(g, x, first, count, Scratch.Slot.PATCHES);
    int gk = ho * wq;
    double[] gp = Scratch.get(Scratch.Slot.PRODUCT, count * k * gk);
    Arrays.fill(gp, 0, count * k * gk, 0.0);
    for (int b = 0; b < count; b++) {
      for (int kk = 0; kk < k; kk++) {
        for (int oh = 0; oh < ho; oh++) {
          System.arraycopy(gd, ((first + b) * k + kk) * p + oh * wo, gp, (b * k + kk) * gk + oh * wq, wo);
        }
      }
    }
    int blocks = wq / L;
    int m = count * ho * blocks;
    int[] xo = new int[m];
    int[] go = new int[m];
    for (int b = 0, i = 0; b < count; b++) {
      for (int oh = 0; oh < ho; oh++) {
        for (int q = 0; q < wq; q += L, i++) {
          xo[i] = b * channels * in.plane() + oh * g.vertical().stride() * in.width() + q;
          go[i] = b * k * gk + oh * wq + q;
        }
      }
    }
    // Taps in fours (the last four repeat the last tap, its extra sums dropped); output channels in
    // fours when K is a multiple of 4 (sixteen accumulators: each pair of loads serves two
    // multiply-adds), else in twos (an odd K repeats the last channel, its sums dropped).
    int[] at = Arrays.copyOf(in.taps(), (taps + 3) / 4 * 4);
    Arrays.fill(at, taps, at.length, in.taps()[taps - 1]);
    Dots d = new Dots(in.xp(), xo, gp, go, dw, taps);
    int kc = k % 4 == 0 ? 4 : 2;
    for (int t0 = 0; t0 < taps; t0 += 4) {
      for (int k0 = 0; k0 < k; k0 += kc) {
        int row = dwOff + k0 * taps + t0;
        int n = Math.min(4, taps - t0);
        if (kc == 4) {
          d.four(at, t0, k0 * gk, gk, row, n);
        } else {
          d.two(at, t0, k0 * gk, Math.min(k0 + 1, k - 1) * gk, row, n, k0 + 1 < k);
        }
      }
    }
    return true;
  }

  /**
   * One pass of the direct kernel gradient over the flat list of vector positions: the padded
   * images, the start of each position's vector in them ({@code xo}), the padded gradient and the
   * start of each position's vector there for channel 0 ({@code go}), and where the sums go.
   */
  private record Dots(double[] xp, int[] xo, double[] gp, int[] go, double[] dw, int taps) {

    /**
     * Channels at gradient offsets g0 and g1 (sums to rows {@code row} and row + taps, the second
     * only if {@code both}) × taps t0 .. t0+3, the first n kept.
     */
    void two(int[] at, int t0, int g0, int g1, int row, int n, boolean both) {
      DoubleVector a00 = DoubleVector.zero(S);
      DoubleVector a01 = DoubleVector.zero(S);
      DoubleVector a02 = DoubleVector.zero(S);
      DoubleVector a03 = DoubleVector.zero(S);
      DoubleVector a10 = DoubleVector.zero(S);
      DoubleVector a11 = DoubleVector.zero(S);
      DoubleVector a12 = DoubleVector.zero(S);
      DoubleVector a13 = DoubleVector.zero(S);
      int x0 = at[t0];
      int x1 = at[t0 + 1];
      int x2 = at[t0 + 2];
      int x3 = at[t0 + 3];
      for (int i = 0; i < xo.length; i++) {
        DoubleVector v0 = DoubleVector.fromArray(S, xp, xo[i] + x0);
        DoubleVector v1 = DoubleVector.fromArray(S, xp, xo[i] + x1);
        DoubleVector v2 = DoubleVector.fromArray(S, xp, xo[i] + x2);
        DoubleVector v3 = DoubleVector.fromArray(S, xp, xo[i] + x3);
        DoubleVector h0 = DoubleVector.fromArray(S, gp, go[i] + g0);
        DoubleVector h1 = DoubleVector.fromArray(S, gp, go[i] + g1);
        a00 = h0.fma(v0, a00);
        a01 = h0.fma(v1, a01);
        a02 = h0.fma(v2, a02);
        a03 = h0.fma(v3, a03);
        a10 = h1.fma(v0, a10);
        a11 = h1.fma(v1, a11);
        a12 = h1.fma(v2, a12);
        a13 = h1.fma(v3, a13);
      }
      put(row, n, a00, a01, a02, a03);
      if (both) {
        put(row + taps, n, a10, a11, a12, a13);
      }
    }

    /** Four channels from gradient offset g0, gk apart (channel rows from {@code row}) × taps t0 .. t0+3. */
    void four(int[] at, int t0, int g0, int gk, int row, int n) {
      DoubleVector a00 = DoubleVector.zero(S);
      DoubleVector a01 = DoubleVector.zero(S);
      DoubleVector a02 = DoubleVector.zero(S);
      DoubleVector a03 = DoubleVector.zero(S);
      DoubleVector a10 = DoubleVector.zero(S);
      DoubleVector a11 = DoubleVector.zero(S);
      DoubleVector a12 = DoubleVector.zero(S);
      DoubleVector a13 = DoubleVector.zero(S);
      DoubleVector a20 = DoubleVector.zero(S);
      DoubleVector a21 = DoubleVector.zero(S);
      DoubleVector a22 = DoubleVector.zero(S);
      DoubleVector a23 = DoubleVector.zero(S);
      DoubleVector a30 = DoubleVector.zero(S);
      DoubleVector a31 = DoubleVector.zero(S);
      DoubleVector a32 = DoubleVector.zero(S);
      DoubleVector a33 = DoubleVector.zero(S);
      int x0 = at[t0];
      int x1 = at[t0 + 1];
      int x2 = at[t0 + 2];
      int x3 = at[t0 + 3];
      int g1 = g0 + gk;
      int g2 = g1 + gk;
      int g3 = g2 + gk;
      for (int i = 0; i < xo.length; i++) {
        DoubleVector v0 = DoubleVector.fromArray(S, xp, xo[i] + x0);
        DoubleVector v1 = DoubleVector.fromArray(S, xp, xo[i] + x1);
        DoubleVector v2 = DoubleVector.fromArray(S, xp, xo[i] + x2);
        DoubleVector v3 = DoubleVector.fromArray(S, xp, xo[i] + x3);
        DoubleVector h0 = DoubleVector.fromArray(S, gp, go[i] + g0);
        DoubleVector h1 = DoubleVector.fromArray(S, gp, go[i] + g1);
        DoubleVector h2 = DoubleVector.fromArray(S, gp, go[i] + g2);
        DoubleVector h3 = DoubleVector.fromArray(S, gp, go[i] + g3);
        a00 = h0.fma(v0, a00);
        a01 = h0.fma(v1, a01);
        a02 = h0.fma(v2, a02);
        a03 = h0.fma(v3, a03);
        a10 = h1.fma(v0, a10);
        a11 = h1.fma(v1, a11);
        a12 = h1.fma(v2, a12);
        a13 = h1.fma(v3, a13);
        a20 = h2.fma(v0, a20);
        a21 = h2.fma(v1, a21);
        a22 = h2.fma(v2, a22);
        a23 = h2.fma(v3, a23);
        a30 = h3.fma(v0, a30);
        a31 = h3.fma(v1, a31);
        a32 = h3.fma(v2, a32);
        a33 = h3.fma(v3, a33);
      }
      put(row, n, a00, a01, a02, a03);
      put(row + taps, n, a10, a11, a12, a13);
      put(row + 2 * taps, n, a20, a21, a22, a23);
      put(row + 3 * taps, n, a30, a31, a32, a33);
    }

    /** dw[row + t] = the sum of the lanes of the t-th vector, for the first n. */
    private void put(int row, int n, DoubleVector s0, DoubleVector s1, DoubleVector s2, DoubleVector s3) {
      dw[row] = s0.reduceLanes(VectorOperators.ADD);
      if (n > 1) {
        dw[row + 1] = s1.reduceLanes(VectorOperators.ADD);
      }
      if (n > 2) {
        dw[row + 2] = s2.reduceLanes(VectorOperators.ADD);
      }
      if (n > 3) {
        dw[row + 3] = s3.reduceLanes(VectorOperators.ADD);
      }
    }
  }

  /**
   * Images copied into zero-padded planes: {@code xp[(b·C + c)·plane + (top + r)·width + left + col] =
   * x[first + b, c, r, col]}, zero elsewhere, with rows wide enough that every lane of the blocks of
   * 2L output columns reads inside its own row ({@code width} ≥ roundup(Wo, 2L) + d·(kw − 1)); and
   * for each tap (c, i, j) in row-major order its offset {@code c·plane + i·dh·width + j}.
   */
  private record Padded(double[] xp, int width, int plane, int[] taps) {

    static Padded of(Im2col.Geometry g, double[] x, int first, int count, Scratch.Slot slot) {
      int channels = g.channels();
      int h = g.height();
      int wd = g.width();
      int top = g.vertical().padBefore();
      int left = g.horizontal().padBefore();
      int blocks = (g.outWidth() + 2 * L - 1) / (2 * L) * 2 * L;
      int width = Math.max(left + wd + g.horizontal().padAfter(), blocks + g.horizontal().extent(g.kw()) - 1);
      int plane = (top + h + g.vertical().padAfter()) * width;
      double[] xp = Scratch.get(slot, count * channels * plane);
      Arrays.fill(xp, 0, count * channels * plane, 0.0);
      for (int b = 0; b < count; b++) {
        for (int c = 0; c < channels; c++) {
          int src = ((first + b) * channels + c) * h * wd;
          int dst = (b * channels + c) * plane + top * width + left;
          for (int r = 0; r < h; r++) {
            System.arraycopy(x, src + r * wd, xp, dst + r * width, wd);
          }
        }
      }
      int[] taps = new int[channels * g.kh() * g.kw()];
      for (int c = 0, n = 0; c < channels; c++) {
        for (int i = 0; i < g.kh(); i++) {
          for (int j = 0; j < g.kw(); j++, n++) {
            taps[n] = c * plane + i * g.vertical().dilation() * width + j * g.horizontal().dilation();
          }
        }
      }
      return new Padded(xp, width, plane, taps);
    }
  }

  /**
   * Where one block of two vectors of an output row goes: channel kk's block starts at
   * {@code y[at + kk·p]} and holds {@code lanes} outputs (up to 2L); lanes past them fall on the next
   * row of the plane, written later, unless they would pass the plane's end {@code end + kk·p}.
   */
  private record Out(double[] y, int at, int p, int end, int lanes, double[] bias, int k, double[] tail) {

    /** Stores v0 + bias[kk] and v1 + bias[kk] (+0.0 without a bias) for output channel kk < K. */
    void put(int kk, DoubleVector v0, DoubleVector v1) {
      if (kk >= k) {
        return;
      }
      double add = bias == null ? 0.0 : bias[kk];
      store(v0.add(add), y, at + kk * p, Math.min(L, lanes), end + kk * p, tail);
      if (lanes > L) {
        store(v1.add(add), y, at + kk * p + L, Math.min(L, lanes - L), end + kk * p, tail);
      }
    }
  }

  /** Output channels k0 .. k0+2 of one block: each tap's two vectors times three weights. */
  private static void pass3(double[] xp, int from, int[] at, double[] wt, int wi, int k0, Out out) {
    DoubleVector a00 = DoubleVector.zero(S);
    DoubleVector a01 = DoubleVector.zero(S);
    DoubleVector a10 = DoubleVector.zero(S);
    DoubleVector a11 = DoubleVector.zero(S);
    DoubleVector a20 = DoubleVector.zero(S);
    DoubleVector a21 = DoubleVector.zero(S);
    for (int n = 0; n < at.length; n++, wi += 3) {
      DoubleVector v0 = DoubleVector.fromArray(S, xp, from + at[n]);
      DoubleVector v1 = DoubleVector.fromArray(S, xp, from + at[n] + L);
      DoubleVector w0 = DoubleVector.broadcast(S, wt[wi]);
      DoubleVector w1 = DoubleVector.broadcast(S, wt[wi + 1]);
      DoubleVector w2 = DoubleVector.broadcast(S, wt[wi + 2]);
      a00 = v0.fma(w0, a00);
      a01 = v1.fma(w0, a01);
      a10 = v0.fma(w1, a10);
      a11 = v1.fma(w1, a11);
      a20 = v0.fma(w2, a20);
      a21 = v1.fma(w2, a21);
    }
    out.put(k0, a00, a01);
    out.put(k0 + 1, a10, a11);
    out.put(k0 + 2, a20, a21);
  }

  /** Output channels k0 .. k0+3 of one block: each tap's two vectors times four weights. */
  private static void pass4(double[] xp, int from, int[] at, double[] wt, int wi, int k0, Out out) {
    DoubleVector a00 = DoubleVector.zero(S);
    DoubleVector a01 = DoubleVector.zero(S);
    DoubleVector a10 = DoubleVector.zero(S);
    DoubleVector a11 = DoubleVector.zero(S);
    DoubleVector a20 = DoubleVector.zero(S);
    DoubleVector a21 = DoubleVector.zero(S);
    DoubleVector a30 = DoubleVector.zero(S);
    DoubleVector a31 = DoubleVector.zero(S);
    for (int n = 0; n < at.length; n++, wi += 4) {
      DoubleVector v0 = DoubleVector.fromArray(S, xp, from + at[n]);
      DoubleVector v1 = DoubleVector.fromArray(S, xp, from + at[n] + L);
      DoubleVector w0 = DoubleVector.broadcast(S, wt[wi]);
      DoubleVector w1 = DoubleVector.broadcast(S, wt[wi + 1]);
      DoubleVector w2 = DoubleVector.broadcast(S, wt[wi + 2]);
      DoubleVector w3 = DoubleVector.broadcast(S, wt[wi + 3]);
      a00 = v0.fma(w0, a00);
      a01 = v1.fma(w0, a01);
      a10 = v0.fma(w1, a10);
      a11 = v1.fma(w1, a11);
      a20 = v0.fma(w2, a20);
      a21 = v1.fma(w2, a21);
      a30 = v0.fma(w3, a30);
      a31 = v1.fma(w3, a31);
    }
    out.put(k0, a00, a01);
    out.put(k0 + 1, a10, a11);
    out.put(k0 + 2, a20, a21);
    out.put(k0 + 3, a30, a31);
  }

  @Override
  public void raise(Im2col.Geometry g, double[] cols, int colsOff, int first, int count, double[] dx) {
    if (g.horizontal().stride() != 1 || g.horizontal().dilation() != 1) {
      SCALAR.raise(g, cols, colsOff, first, count, dx);
      return;
    }
    int channels = g.channels();
    int h = g.height();
    int w = g.width();
    int kh = g.kh();
    int kw = g.kw();
    int wo = g.outWidth();
    int p = g.pixels();
    int columns = count * p;
    int left = g.horizontal().padBefore();
    // Tap column j reads output column iw − (j − left) for input column iw, inside for iw in
    // [lo_j, hi_j). keep[j·span + iw] is all ones there and zero elsewhere: an AND with it clears
    // the lanes that read another row.
    int span = w + L;
    long[] keep = new long[kw * span];
    for (int j = 0; j < kw; j++) {
      int lo = Math.max(0, j - left);
      int hi = Math.min(w, wo + j - left);
      Arrays.fill(keep, j * span + lo, j * span + Math.max(lo, hi), -1L);
    }
    // For each input row ih, its taps in order of (i, j): where each reads in the patch matrix,
    // relative to the channel and image, and its row of keep.
    int[][] taps = new int[h][];
    int[][] masks = new int[h][];
    for (int ih = 0; ih < h; ih++) {
      int[] at = new int[kh * kw];
      int[] mask = new int[kh * kw];
      int n = 0;
      for (int i = 0; i < kh; i++) {
        int t = ih + g.vertical().padBefore() - i * g.vertical().dilation();
        int oh = Math.floorDiv(t, g.vertical().stride());
        if (t < 0 || oh * g.vertical().stride() != t || oh >= g.outHeight()) {
          continue;
        }
        for (int j = 0; j < kw; j++) {
          at[n] = (i * kw + j) * columns + oh * wo + left - j;
          mask[n++] = j * span;
        }
      }
      taps[ih] = Arrays.copyOf(at, n);
      masks[ih] = Arrays.copyOf(mask, n);
    }
    int end = (first + count) * channels * h * w;
    double[] tail = new double[L];
    for (int b = 0; b < count; b++) {
      for (int c = 0; c < channels; c++) {
        int plane = ((first + b) * channels + c) * h * w;
        int base = colsOff + c * kh * kw * columns + b * p;
        for (int ih = 0; ih < h; ih++) {
          int out = plane + ih * w;
          int q = 0;
          // Two vectors of a row at once: two independent chains of additions.
          for (; q + L < w; q += 2 * L) {
            int[] at = taps[ih];
            int[] mask = masks[ih];
            DoubleVector acc0 = DoubleVector.zero(S);
            DoubleVector acc1 = DoubleVector.zero(S);
            int from = base + q;
            for (int n = 0; n < at.length; n++) {
              int a = from + at[n];
              int k = q + mask[n];
              acc0 = acc0.add(kept(DoubleVector.fromArray(S, cols, a), keep, k));
              acc1 = acc1.add(kept(DoubleVector.fromArray(S, cols, a + L), keep, k + L));
            }
            acc0.intoArray(dx, out + q);
            store(acc1, dx, out + q + L, Math.min(L, w - q - L), end, tail);
          }
          for (; q < w; q += L) {
            store(sum(cols, base + q, taps[ih], keep, q, masks[ih]), dx, out + q, Math.min(L, w - q), end, tail);
          }
        }
      }
    }
  }

  /** Σ_n (cols[from + at[n] ..] AND keep[q + mask[n] ..]) over whole vectors, in order of n, from +0.0. */
  private static DoubleVector sum(double[] cols, int from, int[] at, long[] keep, int q, int[] mask) {
    DoubleVector acc = DoubleVector.zero(S);
    for (int n = 0; n < at.length; n++) {
      acc = acc.add(kept(DoubleVector.fromArray(S, cols, from + at[n]), keep, q + mask[n]));
    }
    return acc;
  }

  /** The lanes of v where keep[k ..] is all ones, +0.0 elsewhere. */
  private static DoubleVector kept(DoubleVector v, long[] keep, int k) {
    return v.reinterpretAsLongs().and(LongVector.fromArray(BITS, keep, k)).reinterpretAsDoubles();
  }

  /**
   * Writes the first {@code lanes} lanes of v at dx[at ..]. Lanes past them fall on the next row,
   * written after this one, and are stored too, unless they would reach past {@code end}, the end of
   * the group's images.
   */
  private static void store(DoubleVector v, double[] dx, int at, int lanes, int end, double[] tail) {
    if (at + L <= end && at + L <= dx.length) {
      v.intoArray(dx, at);
    } else {
      v.intoArray(tail, 0);
      System.arraycopy(tail, 0, dx, at, lanes);
    }
  }

  /*
   * Max pooling keeps the input's layout: a vector holds L adjacent input columns of a row, so each
   * window's two columns are a pair of lanes (2k, 2k + 1), and the pair-swapping shuffle brings a
   * window's other column alongside. The window maximum is the maximum of the two rows, then of the
   * pair; the first hit is the least position among the taps that equal it or are NaN, found by the
   * same two steps with a minimum, as in the scalar form. Rows need at least L input columns; the
   * last block of a row overlaps the previous one rather than running past the row.
   */

  @Override
  public void max2x2(double[] x, int first, int end, int h, int w, int ho, int wo, double[] y, int[] argmax) {
    if (2 * wo < L) {
      SCALAR.max2x2(x, first, end, h, w, ho, wo, y, argmax);
      return;
    }
    double[] hits = new double[L];
    int half = L / 2;
    for (int plane = first; plane < end; plane++) {
      int o = plane * ho * wo;
      for (int i = 0; i < ho; i++, o += wo) {
        int row = plane * h * w + 2 * i * w;
        for (int j = 0; j < wo; j += half) {
          int jb = Math.min(j, wo - half);
          int at = row + 2 * jb;
          DoubleVector r0 = DoubleVector.fromArray(S, x, at);
          DoubleVector r1 = DoubleVector.fromArray(S, x, at + w);
          DoubleVector vm = r0.max(r1);
          DoubleVector max = vm.max(vm.rearrange(SWAP));
          DoubleVector pos = IOTA.add(at);
          DoubleVector c0 = NONE.blend(pos, r0.eq(max).or(r0.compare(VectorOperators.NE, r0)));
          DoubleVector c1 = NONE.blend(pos.add(w), r1.eq(max).or(r1.compare(VectorOperators.NE, r1)));
          DoubleVector cv = c0.min(c1);
          cv.min(cv.rearrange(SWAP)).intoArray(hits, 0);
          for (int k = 0; k < half; k++) {
            int best = (int) hits[2 * k];
            y[o + jb + k] = x[best];
            argmax[o + jb + k] = best;
          }
        }
      }
    }
  }
}
