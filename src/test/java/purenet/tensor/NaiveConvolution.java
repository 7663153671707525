package purenet.tensor;

/**
 * The convolution and its gradients written as the textbook seven nested loops, for checking the
 * im2col implementation. Deliberately shares no code with it.
 */
final class NaiveConvolution {
  private NaiveConvolution() {}

  /** y[b,k,i,j] = bias[k] + Σ_{c,u,v} w[k,c,u,v]·x[b,c,i·sh−top+u·dh, j·sw−left+v·dw] (0 outside). */
  static Tensor forward(Tensor x, Tensor w, double[] bias, Convolution geometry) {
    WindowAxis a = geometry.vertical();
    WindowAxis e = geometry.horizontal();
    int bs = x.dim(0), cs = x.dim(1), h = x.dim(2), wd = x.dim(3);
    int ks = w.dim(0), kh = w.dim(2), kw = w.dim(3);
    int ho = (h + a.padBefore() + a.padAfter() - a.dilation() * (kh - 1) - 1) / a.stride() + 1;
    int wo = (wd + e.padBefore() + e.padAfter() - e.dilation() * (kw - 1) - 1) / e.stride() + 1;
    double[] y = new double[bs * ks * ho * wo];
    for (int b = 0; b < bs; b++) {
      for (int k = 0; k < ks; k++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double sum = bias == null ? 0 : bias[k];
            for (int c = 0; c < cs; c++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int r = i * a.stride() - a.padBefore() + u * a.dilation();
                  int q = j * e.stride() - e.padBefore() + v * e.dilation();
                  if (r >= 0 && r < h && q >= 0 && q < wd) {
                    sum += w.get(k, c, u, v) * x.get(b, c, r, q);
                  }
                }
              }
            }
            y[((b * ks + k) * ho + i) * wo + j] = sum;
          }
        }
      }
    }
    return Tensor.of(y, bs, ks, ho, wo);
  }

  /** ∂L/∂x by scattering every output gradient back through the kernel taps. */
  static Tensor inputGrad(Tensor g, Tensor w, Shape in, Convolution geometry) {
    WindowAxis a = geometry.vertical();
    WindowAxis e = geometry.horizontal();
    int bs = in.dim(0), cs = in.dim(1), h = in.dim(2), wd = in.dim(3);
    int ks = w.dim(0), kh = w.dim(2), kw = w.dim(3);
    double[] dx = new double[in.size()];
    for (int b = 0; b < bs; b++) {
      for (int k = 0; k < ks; k++) {
        for (int i = 0; i < g.dim(2); i++) {
          for (int j = 0; j < g.dim(3); j++) {
            for (int c = 0; c < cs; c++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int r = i * a.stride() - a.padBefore() + u * a.dilation();
                  int q = j * e.stride() - e.padBefore() + v * e.dilation();
                  if (r >= 0 && r < h && q >= 0 && q < wd) {
                    dx[((b * cs + c) * h + r) * wd + q] += w.get(k, c, u, v) * g.get(b, k, i, j);
                  }
                }
              }
            }
          }
        }
      }
    }
    return Tensor.of(dx, in);
  }

  /** ∂L/∂w[k,c,u,v] = Σ_{b,i,j} g[b,k,i,j]·x[b,c,i·sh−top+u·dh, j·sw−left+v·dw]. */
  static Tensor kernelGrad(Tensor x, Tensor g, Shape kernel, Convolution geometry) {
    WindowAxis a = geometry.vertical();
    WindowAxis e = geometry.horizontal();
    int bs = x.dim(0), cs = x.dim(1), h = x.dim(2), wd = x.dim(3);
    int ks = kernel.dim(0), kh = kernel.dim(2), kw = kernel.dim(3);
    double[] dw = new double[kernel.size()];
    for (int k = 0; k < ks; k++) {
      for (int c = 0; c < cs; c++) {
        for (int u = 0; u < kh; u++) {
          for (int v = 0; v < kw; v++) {
            double sum = 0;
            for (int b = 0; b < bs; b++) {
              for (int i = 0; i < g.dim(2); i++) {
                for (int j = 0; j < g.dim(3); j++) {
                  int r = i * a.stride() - a.padBefore() + u * a.dilation();
                  int q = j * e.stride() - e.padBefore() + v * e.dilation();
                  if (r >= 0 && r < h && q >= 0 && q < wd) {
                    sum += g.get(b, k, i, j) * x.get(b, c, r, q);
                  }
                }
              }
            }
            dw[((k * cs + c) * kh + u) * kw + v] = sum;
          }
        }
      }
    }
    return Tensor.of(dw, kernel);
  }
}
