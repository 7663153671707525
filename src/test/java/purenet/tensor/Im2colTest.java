package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import purenet.random.Key;

/** The patch-per-row lowering is exactly the transpose of the patch-per-column one. */
class Im2colTest {

  @Test
  void lowerTransposedIsTheTransposeOfLower() {
    // {channels, height, width, kh, kw, stride h, stride w, pad top, pad bottom, pad left, pad right, dil h, dil w}
    int[][] cases = {
        {1, 28, 28, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1},
        {6, 14, 14, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1},
        {3, 9, 7, 3, 2, 2, 1, 1, 0, 0, 1, 2, 1},
        {2, 5, 6, 2, 3, 3, 2, 2, 1, 1, 2, 1, 2}};
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
      int rows = g.rows();
      int columns = count * g.pixels();
      double[] cols = new double[rows * columns];
      double[] colsT = new double[rows * columns];
      Im2col.lower(g, x, first, count, cols);
      Im2col.lowerTransposed(g, x, first, count, colsT);
      double[] transposed = new double[rows * columns];
      for (int r = 0; r < rows; r++) {
        for (int q = 0; q < columns; q++) {
          transposed[q * rows + r] = cols[r * columns + q];
        }
      }
      assertArrayEquals(transposed, colsT, java.util.Arrays.toString(c));
    }
  }
}
