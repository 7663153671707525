package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import purenet.random.Key;

/**
 * The lowering writes exactly the patch matrix of its definition, padding zeros included, whatever
 * the buffer held before (the convolution reuses one buffer from call to call).
 */
class Im2colTest {

  @Test
  void lowerWritesEveryElementOfThePatchMatrix() {
    // {channels, height, width, kh, kw, stride h, stride w, pad top, pad bottom, pad left, pad right, dil h, dil w}
    int[][] cases = {
        {1, 28, 28, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1},
        {6, 14, 14, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1},
        {3, 9, 7, 3, 2, 2, 1, 1, 0, 0, 1, 2, 1},
        {2, 5, 6, 2, 3, 3, 2, 2, 1, 1, 2, 1, 2},
        {1, 2, 2, 3, 3, 1, 1, 2, 2, 2, 2, 1, 1}};
    for (int[] c : cases) {
      WindowAxis v = new WindowAxis(c[5], c[7], c[8], c[11]);
      WindowAxis h = new WindowAxis(c[6], c[9], c[10], c[12]);
      int oh = (c[1] + c[7] + c[8] - c[11] * (c[3] - 1) - 1) / c[5] + 1;
      int ow = (c[2] + c[9] + c[10] - c[12] * (c[4] - 1) - 1) / c[6] + 1;
      Im2col.Geometry g = new Im2col.Geometry(c[0], c[1], c[2], c[3], c[4], v, h, oh, ow);
      int batch = 3;
      double[] x = Key.of(c[0] * 7L + c[1]).uniform(batch * c[0] * c[1] * c[2], -1, 1);
      int first = 1;
      int count = 2;
      int columns = count * g.pixels();
      double[] expected = new double[g.rows() * columns];
      for (int ch = 0; ch < c[0]; ch++) {
        for (int i = 0; i < c[3]; i++) {
          for (int j = 0; j < c[4]; j++) {
            int row = (ch * c[3] + i) * c[4] + j;
            for (int b = 0; b < count; b++) {
              for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                  int ih = r * c[5] - c[7] + i * c[11];
                  int iw = q * c[6] - c[9] + j * c[12];
                  boolean inside = ih >= 0 && ih < c[1] && iw >= 0 && iw < c[2];
                  expected[row * columns + b * g.pixels() + r * ow + q] =
                      inside ? x[(((first + b) * c[0] + ch) * c[1] + ih) * c[2] + iw] : 0.0;
                }
              }
            }
          }
        }
      }
      double[] cols = new double[expected.length];
      Arrays.fill(cols, Double.NaN);
      Im2col.lower(g, x, first, count, cols);
      assertArrayEquals(expected, cols, Arrays.toString(c));
    }
  }
}
