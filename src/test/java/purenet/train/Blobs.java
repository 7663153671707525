package purenet.train;

import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** A linearly separable two-class problem in the plane, generated from a key. */
final class Blobs {
  private Blobs() {}

  /** n points: class 0 around (−2, −2), class 1 around (2, 2), unit Gaussian spread, labels as indices. */
  static Dataset of(int n, Key key) {
    Key[] k = key.split(2);
    double[] noise = k[0].normal(2 * n);
    double[] coin = k[1].uniform(n);
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = coin[i] < 0.5 ? 0 : 1;
      double centre = y[i] == 0 ? -2 : 2;
      x[2 * i] = centre + noise[2 * i];
      x[2 * i + 1] = centre + noise[2 * i + 1];
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
  }
}
