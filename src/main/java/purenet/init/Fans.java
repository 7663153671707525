package purenet.init;

import purenet.tensor.Shape;

/**
 * The fan-in and fan-out of a parameter tensor.
 *
 * <p>Dense weight (in, out): fanIn = in, fanOut = out. Convolution kernel (k, c, kh, kw):
 * fanIn = c·kh·kw, fanOut = k·kh·kw. A vector (bias) of length n: fanIn = fanOut = n.
 *
 * @param in  number of inputs feeding each output unit
 * @param out number of outputs each input feeds
 */
public record Fans(int in, int out) {

  /** Fails unless both fans are positive, naming both; an empty tensor needs no fans. */
  static void require(Shape shape, int in, int out) {
    if (shape.size() > 0 && (in < 1 || out < 1)) {
      throw new IllegalArgumentException("fans must be >= 1, got fanIn " + in + " and fanOut " + out);
    }
  }

  /**
   * {@return the fans of a dense weight (rank 2: (in, out)) or a convolution kernel (rank 3 or more:
   * (k, c, kh, kw, ...), so fanIn = c·kh·kw and fanOut = k·kh·kw); a vector's fans are its length}
   *
   * @param shape a weight shape: (in, out) for dense layers, (K, C, kh, kw) for kernels
   */
  public static Fans of(Shape shape) {
    int[] d = shape.dims();
    if (d.length == 0) {
      return new Fans(1, 1);
    }
    if (d.length == 1) {
      return new Fans(d[0], d[0]);
    }
    if (d.length == 2) {
      return new Fans(d[0], d[1]);
    }
    int receptive = 1;
    for (int i = 2; i < d.length; i++) {
      receptive *= d[i];
    }
    return new Fans(d[1] * receptive, d[0] * receptive);
  }
}
