package purenet.data;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * A generated stand-in for MNIST, so examples and tests run when the real files have not been
 * fetched. <b>This is not MNIST</b>: accuracies measured on it say nothing about MNIST.
 *
 * <p>Each class 0..9 has a fixed prototype: a few pen strokes (lines and elliptic arcs) drawn
 * in the central 20×20 box of a 28×28 canvas, as MNIST centres its digits. Each example draws its
 * class uniformly and renders the prototype with its own distortions: every control point moves by
 * Gaussian noise (std 0.5 px), then the strokes are slanted (shear up to ±0.25), scaled (0.85 to
 * 1.1), rotated (up to ±{@code rotation} degrees) about the centre and shifted (up to
 * ±{@code shift} px along each axis); the stroke width is drawn from [1.6, 3] px and
 * anti-aliased over one pixel; finally Gaussian pixel noise of std {@code noise} is added and
 * pixels are clipped to [0, 1]. The classes are separable enough that a small network learns them
 * (a nearest-class-mean classifier already gets most of them right) and varied enough that it has
 * to generalise.
 *
 * <p>Example i depends only on {@code key.foldIn(i)}: the same key gives the same data set, and the
 * first k examples of a set of n are the set of k.
 *
 * @param shift    largest translation along each axis, in pixels, in [0, 6]
 * @param rotation largest rotation, in degrees, in [0, 45]
 * @param noise    standard deviation of the additive pixel noise, in [0, 1]
 */
public record SyntheticDigits(double shift, double rotation, double noise) {
  /** Height and width of an image. */
  public static final int SIZE = 28;
  /** Number of classes. */
  public static final int CLASSES = 10;

  private static final int PIXELS = SIZE * SIZE;
  private static final double JITTER = 0.025;
  private static final double[][][] PROTOTYPES = prototypes();

  /**
   * Checks that every parameter is in its range.
   *
   * @param shift largest translation along each axis, in pixels, in [0, 6]
   * @param rotation largest rotation, in degrees, in [0, 45]
   * @param noise standard deviation of the additive pixel noise, in [0, 1]
   */
  public SyntheticDigits {
    if (!(shift >= 0 && shift <= 6)) {
      throw new IllegalArgumentException("shift must be in [0, 6] pixels, got " + shift);
    }
    if (!(rotation >= 0 && rotation <= 45)) {
      throw new IllegalArgumentException("rotation must be in [0, 45] degrees, got " + rotation);
    }
    if (!(noise >= 0 && noise <= 1)) {
      throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
    }
  }

  /**
   * Shifts up to 2 px, rotations up to 12°, pixel noise std 0.05.
   *
   * @return the generator with these distortions
   */
  public static SyntheticDigits standard() {
    return new SyntheticDigits(2.0, 12.0, 0.05);
  }

  /**
   * {@return {@code n} examples: features (n, 1, 28, 28) in [0, 1], labels class indices (n) in
   * 0..9}
   *
   * @param key the key of every image
   * @param n the number of images, ≥ 0
   */
  public Dataset generate(Key key, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of examples must be >= 0, got " + n);
    }
    double[] pixels = new double[n * PIXELS];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      Key[] keys = key.foldIn(i).split(2);
      int digit = keys[0].uniformInt(CLASSES);
      labels[i] = digit;
      System.arraycopy(render(digit, keys[1]), 0, pixels, i * PIXELS, PIXELS);
    }
    return new Dataset(Tensor.of(pixels, Shape.of(n, 1, SIZE, SIZE)), Tensor.of(labels, Shape.of(n)));
  }

  /**
   * {@return a training set and a test set drawn from independent keys, in {@link Mnist}'s layout}
   *
   * @param key the key of every image
   * @param trainSize the number of training images
   * @param testSize the number of test images
   */
  public Mnist mnist(Key key, int trainSize, int testSize) {
    Key[] keys = key.split(2);
    return new Mnist(generate(keys[0], trainSize), generate(keys[1], testSize));
  }

  /**
   * {@return one image of the given digit, shape (28, 28), distorted by draws from {@code key}}
   *
   * @param digit the digit, 0..9
   * @param key the key of the random distortion
   */
  public Tensor image(int digit, Key key) {
    if (digit < 0 || digit >= CLASSES) {
      throw new IllegalArgumentException("digit must be in 0.." + (CLASSES - 1) + ", got " + digit);
    }
    return Tensor.of(render(digit, key), Shape.of(SIZE, SIZE));
  }

  private double[] render(int digit, Key key) {
    Key[] keys = key.split(3);
    double[] u = keys[0].uniform(6);
    double slant = 0.25 * (2 * u[0] - 1);
    double scale = 0.85 + 0.25 * u[1];
    double angle = Math.toRadians(rotation * (2 * u[2] - 1));
    double dx = shift * (2 * u[3] - 1);
    double dy = shift * (2 * u[4] - 1);
    double radius = (1.6 + 1.4 * u[5]) / 2;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);

    double[][] strokes = PROTOTYPES[digit];
    int points = 0;
    for (double[] stroke : strokes) {
      points += stroke.length / 2;
    }
    double[] jitter = keys[1].normal(2 * points);
    double[] image = new double[PIXELS];
    int p = 0;
    for (double[] stroke : strokes) {
      double[] xy = new double[stroke.length];
      for (int j = 0; j < stroke.length; j += 2, p++) {
        // Unit box -> central 20x20 box, relative to the canvas centre (14, 14).
        double x = 20 * (stroke[j] + JITTER * jitter[2 * p] - 0.5);
        double y = 20 * (stroke[j + 1] + JITTER * jitter[2 * p + 1] - 0.5);
        x = scale * (x + slant * y);
        y = scale * y;
        xy[j] = SIZE / 2.0 + cos * x - sin * y + dx;
        xy[j + 1] = SIZE / 2.0 + sin * x + cos * y + dy;
      }
      for (int j = 0; j + 3 < xy.length; j += 2) {
        drawSegment(image, xy[j], xy[j + 1], xy[j + 2], xy[j + 3], radius);
      }
    }
    if (noise > 0) {
      double[] z = keys[2].normal(PIXELS);
      for (int i = 0; i < PIXELS; i++) {
        image[i] = Math.max(0, Math.min(1, image[i] + noise * z[i]));
      }
    }
    return image;
  }

  /**
   * Ink of a segment of half-width {@code radius}: 1 within the radius of the pixel centre's
   * distance to the segment, falling linearly to 0 over the next pixel; overlapping strokes keep
   * the darker value.
   */
  private static void drawSegment(double[] image, double ax, double ay, double bx, double by, double radius) {
    double reach = radius + 1;
    int c0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
    int c1 = Math.min(SIZE - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
    int r0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
    int r1 = Math.min(SIZE - 1, (int) Math.ceil(Math.max(ay, by) + reach));
    double ux = bx - ax;
    double uy = by - ay;
    double length2 = ux * ux + uy * uy;
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        double px = c + 0.5 - ax;
        double py = r + 0.5 - ay;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, (px * ux + py * uy) / length2));
        double ex = px - t * ux;
        double ey = py - t * uy;
        double ink = Math.max(0, Math.min(1, radius + 0.5 - Math.sqrt(ex * ex + ey * ey)));
        int i = r * SIZE + c;
        image[i] = Math.max(image[i], ink);
      }
    }
  }

  // ---------------------------------------------------------------- prototypes, in the unit box (y down)

  private static double[][][] prototypes() {
    return new double[][][] {
        {arc(0.5, 0.5, 0.32, 0.45, 0, 360, 20)},
        {line(0.35, 0.2, 0.55, 0.05, 0.55, 0.95)},
        {join(arc(0.5, 0.3, 0.32, 0.25, 190, 400, 12), line(0.15, 0.95, 0.88, 0.95))},
        {arc(0.48, 0.28, 0.3, 0.23, 200, 450, 12), arc(0.48, 0.73, 0.34, 0.23, 270, 520, 12)},
        {line(0.7, 0.95, 0.7, 0.05, 0.1, 0.68, 0.9, 0.68)},
        {line(0.82, 0.05, 0.3, 0.05, 0.27, 0.45), arc(0.5, 0.68, 0.32, 0.27, 235, 520, 12)},
        {join(line(0.72, 0.05, 0.45, 0.2, 0.3, 0.42), arc(0.5, 0.7, 0.27, 0.25, 180, 540, 16))},
        {line(0.12, 0.05, 0.88, 0.05, 0.42, 0.95)},
        {arc(0.5, 0.27, 0.25, 0.22, 0, 360, 16), arc(0.5, 0.72, 0.3, 0.24, 0, 360, 16)},
        {arc(0.5, 0.3, 0.28, 0.25, 0, 360, 16), line(0.78, 0.3, 0.7, 0.95)},
    };
  }

  private static double[] line(double... xy) {
    return xy;
  }

  /** Points of an elliptic arc from {@code from} to {@code to} degrees (0 = right, 90 = down). */
  private static double[] arc(double cx, double cy, double rx, double ry, double from, double to, int segments) {
    double[] xy = new double[2 * (segments + 1)];
    for (int i = 0; i <= segments; i++) {
      double a = Math.toRadians(from + (to - from) * i / segments);
      xy[2 * i] = cx + rx * Math.cos(a);
      xy[2 * i + 1] = cy + ry * Math.sin(a);
    }
    return xy;
  }

  private static double[] join(double[] a, double[] b) {
    double[] xy = new double[a.length + b.length];
    System.arraycopy(a, 0, xy, 0, a.length);
    System.arraycopy(b, 0, xy, a.length, b.length);
    return xy;
  }
}
