package purenet.tensor;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * An immutable n-dimensional array of {@code double}s, stored row-major.
 *
 * <p>Every operation returns a new tensor; the array inside is never shared with callers (arrays
 * passed in are copied, arrays handed out are copies). Elementwise operations broadcast as NumPy
 * does: shapes are aligned at their last axis and a dimension of 1 stretches to match.
 * {@link #equals} compares shape and contents bit for bit; {@link #allClose} compares within a
 * tolerance.
 *
 * <p>Matrix products run on a package-private kernel that may use every core; its results do not
 * depend on the number of threads.
 */
public final class Tensor implements Serializable {
  // The serialised form is the shape and the elements, as before products could be deferred.
  private static final long serialVersionUID = -9151340604599593422L;
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
  private static final long POSITIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  /** Elements {@link #addScaled} writes before it scans them: 16 KiB, which stay in L1. */
  private static final int SCAN_BLOCK = 2048;

  private final Shape shape;
  /** The elements; null while {@link #pending} has not been computed. */
  private double[] data;
  /**
   * The product whose elements this tensor holds, until they are first read (then null): a
   * parameter gradient xᵀ·g that only an SGD step reads is never written out on its own (see
   * {@link #addScaled}). Not serialised (the elements are), ignored by equals.
   */
  private transient volatile TransposedProduct pending;
  /**
   * A cache, not part of the value: how this matrix has been used as the right factor of products,
   * and its packed copy once reused ({@link RightPacking}). Not serialised, ignored by equals.
   */
  private transient volatile RightPacking rightPacking;
  /**
   * A cache, not part of the value: whether every element is finite, once known (0 unknown, 1 yes,
   * −1 no). {@link #addScaled} finds it while its result is in cache, so the check a training step
   * makes of its new parameters costs nothing. Not serialised, ignored by equals.
   */
  private transient volatile byte finite;

  private Tensor(Shape shape, double[] data) {
    this.shape = shape;
    this.data = data;
  }

  private Tensor(Shape shape, TransposedProduct pending) {
    this.shape = shape;
    this.pending = pending;
  }

  /** Wraps an array the caller promises never to touch again (package-internal, no copy). */
  static Tensor wrap(Shape shape, double[] data) {
    return new Tensor(shape, data);
  }

  /**
   * Direct access for the package's kernels only; computes a pending product first. Two threads
   * that both find it pending both compute it, to the same bits, and either array is kept.
   */
  double[] data() {
    TransposedProduct product = pending;
    if (product != null) {
      double[] d = product.compute();
      data = d;
      // The volatile write publishes the elements to every thread that then sees no product pending.
      pending = null;
      return d;
    }
    return data;
  }

  /** Writes the elements of a pending product too. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    data();
    out.defaultWriteObject();
  }

  /**
   * Records one use of this matrix (rank 2) as the right factor op(B) of a product and returns
   * op(B) packed, or null when the product should pack it itself (see {@link RightPacking}).
   */
  Gemm.Packed packedAsRight(boolean transB) {
    double[] data = data();
    RightPacking before = rightPacking == null ? RightPacking.UNUSED : rightPacking;
    RightPacking after = before.use(data, shape.dim(0), shape.dim(1), transB);
    if (after != before) {
      rightPacking = after;
    }
    return after.packed(transB);
  }

  // ---------------------------------------------------------------- creation

  /**
   * {@return a tensor of the given shape holding a copy of {@code data} (row-major)}
   *
   * @param data the elements in row-major order (copied)
   * @param shape a shape of {@code data.length} elements
   * @throws IllegalArgumentException if {@code data.length} is not the product of {@code shape}
   */
  public static Tensor of(double[] data, int... shape) {
    return of(data, Shape.of(shape));
  }

  /**
   * {@return a tensor of the given shape holding a copy of {@code data} (row-major)}
   *
   * @param data the elements in row-major order (copied)
   * @param shape a shape of {@code data.length} elements
   */
  public static Tensor of(double[] data, Shape shape) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + shape.size() + " values, got " + data.length);
    }
    return new Tensor(shape, data.clone());
  }

  /**
   * {@return a matrix of shape (rows, columns) from its rows, which must all have the same length}
   *
   * @param rows the rows, of equal length
   */
  public static Tensor of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] d = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "ragged rows: row 0 has " + cols + " values, row " + i + " has " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return new Tensor(Shape.of(rows.length, cols), d);
  }

  /**
   * {@return a rank-3 tensor from nested arrays, which must not be ragged}
   *
   * @param blocks the elements as nested arrays, not ragged
   */
  public static Tensor of(double[][][] blocks) {
    Tensor[] parts = new Tensor[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      parts[i] = of(blocks[i]);
    }
    return stack(parts);
  }

  /**
   * {@return a rank-0 tensor holding one value}
   *
   * @param value the value
   */
  public static Tensor scalar(double value) {
    return new Tensor(Shape.scalar(), new double[] {value});
  }

  /**
   * {@return a rank-1 tensor of the given values}
   *
   * @param values the elements
   */
  public static Tensor vector(double... values) {
    return new Tensor(Shape.of(values.length), values.clone());
  }

  /**
   * {@return a tensor of zeros}
   *
   * @param shape the shape
   */
  public static Tensor zeros(int... shape) {
    return full(0.0, shape);
  }

  /**
   * {@return a tensor of zeros}
   *
   * @param shape the shape
   */
  public static Tensor zeros(Shape shape) {
    return new Tensor(shape, new double[shape.size()]);
  }

  /**
   * {@return a tensor of ones}
   *
   * @param shape the sizes of the axes
   */
  public static Tensor ones(int... shape) {
    return full(1.0, shape);
  }

  /**
   * {@return a tensor with every element equal to {@code value}}
   *
   * @param value the value of every element
   * @param shape the shape
   */
  public static Tensor full(double value, int... shape) {
    return full(value, Shape.of(shape));
  }

  /**
   * {@return a tensor with every element equal to {@code value}}
   *
   * @param value the value of every element
   * @param shape the shape
   */
  public static Tensor full(double value, Shape shape) {
    double[] d = new double[shape.size()];
    Arrays.fill(d, value);
    return new Tensor(shape, d);
  }

  /**
   * {@return the vector 0, 1, ..., n-1}
   *
   * @param n the number of values
   */
  public static Tensor arange(int n) {
    return generate(Shape.of(n), i -> i);
  }

  /**
   * {@return the vector start, start+step, ..} up to but excluding stop, as NumPy's {@code arange}.
   *
   * @param start the first value
   * @param stop the exclusive end
   * @param step the difference between neighbours, non-zero
   */
  public static Tensor arange(double start, double stop, double step) {
    if (step == 0 || !Double.isFinite(step)) {
      throw new IllegalArgumentException("step must be finite and non-zero, got " + step);
    }
    int n = (int) Math.max(0, Math.ceil((stop - start) / step));
    return generate(Shape.of(n), i -> start + i * step);
  }

  /**
   * {@return a tensor whose element at row-major position {@code i} is {@code f(i)}}
   *
   * @param shape the shape
   * @param f the value at each row-major position
   */
  public static Tensor generate(Shape shape, IntToDoubleFunction f) {
    double[] d = new double[shape.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = f.applyAsDouble(i);
    }
    return new Tensor(shape, d);
  }

  /**
   * {@return the identity matrix of size n×n}
   *
   * @param n the number of rows and columns
   */
  public static Tensor eye(int n) {
    return generate(Shape.of(n, n), i -> i / n == i % n ? 1.0 : 0.0);
  }

  // ---------------------------------------------------------------- access

  /** {@return the shape} */
  public Shape shape() {
    return shape;
  }

  /** {@return a copy of the dimensions} */
  public int[] dims() {
    return shape.dims();
  }

  /**
   * {@return size of one axis; negative axes count from the end}
   *
   * @param axis the axis, negative counting from the end
   */
  public int dim(int axis) {
    return shape.dim(axis);
  }

  /** {@return number of axes} */
  public int rank() {
    return shape.rank();
  }

  /** {@return number of elements} */
  public int size() {
    return shape.size();
  }

  /**
   * {@return the element at the given multi-index}
   *
   * @param index one index per axis
   */
  public double get(int... index) {
    double[] data = data();
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException(
          "index " + Shape.format(index) + " has rank " + index.length + ", tensor has shape " + shape);
    }
    int[] strides = shape.strides();
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= shape.dim(i)) {
        throw new IndexOutOfBoundsException("index " + Shape.format(index) + " outside shape " + shape);
      }
      flat += index[i] * strides[i];
    }
    return data[flat];
  }

  /**
   * {@return the element at row-major position {@code i}}
   *
   * @param i the row-major position
   */
  public double at(int i) {
    double[] data = data();
    return data[i];
  }

  /** {@return the single value of a tensor with one element} */
  public double item() {
    double[] data = data();
    if (data.length != 1) {
      throw new IllegalStateException("item() needs exactly one element, shape is " + shape);
    }
    return data[0];
  }

  /** {@return a copy of the elements, row-major} */
  public double[] toArray() {
    double[] data = data();
    return data.clone();
  }

  // ---------------------------------------------------------------- shape operations

  /**
   * {@return the same elements in a new shape; one dimension may be {@code -1} and is then inferred}
   *
   * @param dims the new sizes, of the same product; one may be {@code -1}, inferred
   */
  public Tensor reshape(int... dims) {
    double[] data = data();
    int[] d = dims.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("only one dimension may be -1, got " + Shape.format(dims));
        }
        infer = i;
      } else {
        known *= d[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || data.length % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + shape + " to " + Shape.format(dims));
      }
      d[infer] = (int) (data.length / known);
    }
    Shape target = Shape.of(d);
    if (target.size() != data.length) {
      throw new IllegalArgumentException("cannot reshape " + shape + " to " + Shape.format(dims));
    }
    return new Tensor(target, data);
  }

  /**
   * {@return the same elements in a new shape of the same size}
   *
   * @param target a shape of the same size
   */
  public Tensor reshape(Shape target) {
    return reshape(target.dims());
  }

  /** {@return a (batch, everything else) view: reshape to (dim 0, -1)} */
  public Tensor flattenFrom1() {
    return reshape(shape.rank() == 0 ? 1 : shape.dim(0), -1);
  }

  /**
   * Swaps the last two axes (the matrix transpose for rank 2); rank 1 is unchanged.
   *
   * @return the tensor with its last two axes swapped
   */
  public Tensor transpose() {
    int r = shape.rank();
    if (r < 2) {
      return this;
    }
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i;
    }
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return permute(perm);
  }

  /**
   * Reorders the axes: output axis i is input axis {@code axes[i]}.
   *
   * @param axes a permutation of 0 … rank − 1
   * @return the tensor with its axes reordered
   */
  public Tensor permute(int... axes) {
    return Layout.permute(this, axes);
  }

  /**
   * {@return rows {@code from} (inclusive) to {@code to} (exclusive) along the first axis}
   *
   * @param from the first index of the first axis (inclusive)
   * @param to the end index of the first axis (exclusive)
   */
  public Tensor slice(int from, int to) {
    double[] data = data();
    int n = shape.rank() == 0 ? 0 : shape.dim(0);
    if (from < 0 || to > n || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of first axis of " + shape);
    }
    int row = n == 0 ? 0 : data.length / n;
    return new Tensor(shape.with(0, to - from), Arrays.copyOfRange(data, from * row, to * row));
  }

  /**
   * {@return the sub-tensor at position {@code i} of the first axis (one rank lower)}
   *
   * @param i the index into the first axis
   */
  public Tensor index(int i) {
    return slice(i, i + 1).reshape(shape.without(0));
  }

  /**
   * {@return the rows at the given positions of the first axis, in that order (a gather)}
   *
   * @param rows indices into the first axis
   */
  public Tensor take(int[] rows) {
    double[] data = data();
    int n = shape.dim(0);
    int row = n == 0 ? 0 : data.length / n;
    double[] d = new double[rows.length * row];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= n) {
        throw new IndexOutOfBoundsException("row " + rows[i] + " outside first axis of " + shape);
      }
      System.arraycopy(data, rows[i] * row, d, i * row, row);
    }
    return new Tensor(shape.with(0, rows.length), d);
  }

  /**
   * Joins tensors along an existing axis; all other dimensions must agree.
   *
   * @param axis the axis to join along
   * @param parts tensors whose shapes agree except along {@code axis}
   * @return the joined tensor
   */
  public static Tensor concat(int axis, Tensor... parts) {
    return Layout.concat(axis, parts);
  }

  /**
   * Stacks tensors of equal shape along a new first axis.
   *
   * @param parts tensors of one shape
   * @return a tensor of shape (parts.length, ...shape of a part)
   */
  public static Tensor stack(Tensor... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("stack needs at least one tensor");
    }
    Tensor[] expanded = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].shape.equals(parts[0].shape)) {
        throw new IllegalArgumentException(
            "stack needs equal shapes, got " + parts[0].shape + " and " + parts[i].shape);
      }
      int[] d = new int[parts[i].rank() + 1];
      d[0] = 1;
      System.arraycopy(parts[i].dims(), 0, d, 1, parts[i].rank());
      expanded[i] = parts[i].reshape(d);
    }
    return concat(0, expanded);
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * Applies {@code f} to every element.
   *
   * @param f the function applied to every element
   * @return f(x) for every element x, in this shape
   */
  public Tensor map(DoubleUnaryOperator f) {
    double[] data = data();
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = f.applyAsDouble(data[i]);
    }
    return new Tensor(shape, d);
  }

  /**
   * Combines this and {@code other} elementwise with broadcasting.
   *
   * @param other the right operand, broadcast against this tensor
   * @param f the function of an element of this tensor and one of {@code other}
   * @return f(a, b) for every pair of broadcast elements, in the broadcast shape
   */
  public Tensor zipWith(Tensor other, DoubleBinaryOperator f) {
    return Broadcast.zip(this, other, f);
  }

  /**
   * {@return elementwise sum, broadcasting}
   *
   * @param other the other summand, broadcast against this tensor
   */
  public Tensor add(Tensor other) {
    return Broadcast.zip(this, other, Arith.ADD);
  }

  /**
   * {@return elementwise difference, broadcasting}
   *
   * @param other the subtrahend, broadcast against this tensor
   */
  public Tensor sub(Tensor other) {
    return Broadcast.zip(this, other, Arith.SUB);
  }

  /**
   * {@return elementwise product, broadcasting}
   *
   * @param other the other factor, broadcast against this tensor
   */
  public Tensor mul(Tensor other) {
    return Broadcast.zip(this, other, Arith.MUL);
  }

  /**
   * {@return elementwise quotient, broadcasting}
   *
   * @param other the divisor, broadcast against this tensor
   */
  public Tensor div(Tensor other) {
    return Broadcast.zip(this, other, Arith.DIV);
  }

  /**
   * Adds a constant to every element.
   *
   * @param c the constant
   * @return x + c for every element x
   */
  public Tensor add(double c) {
    double[] data = data();
    double[] d = new double[data.length];
    Arith.ADD.withRight(data, c, d);
    return new Tensor(shape, d);
  }

  /**
   * Multiplies every element by a constant.
   *
   * @param c the factor
   * @return c·x for every element x
   */
  public Tensor mul(double c) {
    double[] data = data();
    double[] d = new double[data.length];
    Arith.MUL.withRight(data, c, d);
    return new Tensor(shape, d);
  }

  /**
   * {@return {@code this + c * other} elementwise for equal shapes, in one pass} A large tensor (a
   * weight under an SGD step) is split into ranges for {@code purenet.threads} threads; each element
   * is the same rounded sum whatever the thread count.
   *
   * <p>When {@code other} is a product {@link #transposedMatmul} has not yet computed (a dense
   * layer's weight gradient under plain SGD), the product is computed into an array of its own and
   * the sum written over it, so the step touches one new array instead of two; {@code other} stays
   * pending. If this tensor and the result are finite and c is finite and non-zero, then so is
   * every element of {@code other} (a NaN or ±∞ in it would make its sum NaN or ±∞), and
   * {@link #isFinite} answers that for {@code other} without computing it.
   *
   * @param c the factor of {@code other}
   * @param other a tensor of this shape
   */
  public Tensor addScaled(double c, Tensor other) {
    double[] data = data();
    Broadcast.requireSame("addScaled", shape, other.shape);
    TransposedProduct product = other.pending;
    double[] o = product != null ? product.compute() : other.data();
    // Each element is read before it is written, so the sum may overwrite a product nobody else holds.
    double[] d = product != null ? o : new double[data.length];
    boolean allFinite = Parallel.allRanges(d.length, (from, to) -> {
      boolean finiteSoFar = true;
      // In blocks that stay in L1, each scanned for finiteness right after it is written.
      for (int start = from; start < to; start += SCAN_BLOCK) {
        int end = Math.min(to, start + SCAN_BLOCK);
        for (int i = start; i < end; i++) {
          d[i] = data[i] + c * o[i];
        }
        finiteSoFar &= FiniteScan.range(d, start, end);
      }
      return finiteSoFar;
    });
    Tensor result = new Tensor(shape, d);
    result.finite = allFinite ? (byte) 1 : (byte) -1;
    if (product != null && allFinite && c != 0 && Double.isFinite(c) && isFinite()) {
      other.finite = 1;
    }
    return result;
  }

  /** {@return negation} */
  public Tensor neg() {
    return map(v -> -v);
  }

  /** {@return absolute value} */
  public Tensor abs() {
    return map(Math::abs);
  }

  /** {@return square of every element} */
  public Tensor square() {
    return map(v -> v * v);
  }

  /** {@return square root of every element} */
  public Tensor sqrt() {
    return map(Math::sqrt);
  }

  /** {@return natural exponential of every element} */
  public Tensor exp() {
    return map(Math::exp);
  }

  /** {@return natural logarithm of every element} */
  public Tensor log() {
    return map(Math::log);
  }

  /**
   * {@return every element to the power {@code p}}
   *
   * @param p the exponent
   */
  public Tensor pow(double p) {
    return map(v -> Math.pow(v, p));
  }

  /** {@return sign of every element, with sign(0) = 0} */
  public Tensor sign() {
    return map(Math::signum);
  }

  /** {@return the rectifier max(x, 0) of every element x; a NaN stays NaN, −0 becomes 0} */
  public Tensor relu() {
    double[] data = data();
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(data[i], 0.0);
    }
    return new Tensor(shape, d);
  }

  /**
   * The backward map of {@link #relu} at this tensor's elements x: g ⊙ 1[x &gt; 0] for the upstream
   * gradient g, i.e. g where x &gt; 0 and 0·g elsewhere (x ≤ 0 or NaN), so a NaN or infinite
   * gradient still propagates as NaN.
   *
   * @param upstream g, of this tensor's shape
   * @return g ⊙ 1[x &gt; 0], of this tensor's shape
   * @throws IllegalArgumentException if the shapes differ
   */
  public Tensor reluBackward(Tensor upstream) {
    double[] data = data();
    if (!upstream.shape.equals(shape)) {
      throw new IllegalArgumentException("relu backward expects a gradient of the input's shape " + shape
          + ", got " + upstream.shape);
    }
    double[] d = new double[data.length];
    stepTimes(data, upstream.data(), d);
    return new Tensor(shape, d);
  }

  /**
   * {@code out[i] = g[i]·1[x[i] > 0]}, the backward map of {@link #relu}; {@code out} may be {@code g}
   * itself (a fresh product masked in place).
   */
  private static void stepTimes(double[] x, double[] g, double[] out) {
    for (int i = 0; i < out.length; i++) {
      // 1[x > 0] from the bits, without a branch (the sign of an activation is a coin toss, and a
      // mispredicted branch per element cost 4× this loop): x > 0 exactly when its bits b, read
      // as a signed long, satisfy 0 < b ≤ the bits of +∞; the two shifts give all-ones masks.
      long b = Double.doubleToRawLongBits(x[i]);
      long positive = ~(((b - 1) | b) >> 63) & ~((POSITIVE_INFINITY_BITS - b) >> 63);
      out[i] = g[i] * Double.longBitsToDouble(positive & ONE_BITS);
    }
  }

  /**
   * {@return every element clamped to [lo, hi]}
   *
   * @param lo the lower bound
   * @param hi the upper bound, ≥ lo
   */
  public Tensor clamp(double lo, double hi) {
    return map(v -> Math.max(lo, Math.min(hi, v)));
  }

  // ---------------------------------------------------------------- reductions

  /** {@return sum of all elements} */
  public double sum() {
    double[] data = data();
    double s = 0;
    for (double v : data) {
      s += v;
    }
    return s;
  }

  /** {@return mean of all elements} */
  public double mean() {
    return sum() / size();
  }

  /** {@return largest element} */
  public double max() {
    double[] data = data();
    double m = Double.NEGATIVE_INFINITY;
    for (double v : data) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** {@return smallest element} */
  public double min() {
    double[] data = data();
    double m = Double.POSITIVE_INFINITY;
    for (double v : data) {
      m = Math.min(m, v);
    }
    return m;
  }

  /**
   * {@return sum along one axis, which is removed}
   *
   * @param axis the axis to reduce, negative counting from the end
   */
  public Tensor sum(int axis) {
    return Reduce.along(this, axis, Reduce.SUM);
  }

  /**
   * {@return mean along one axis, which is removed}
   *
   * @param axis the axis to reduce, negative counting from the end
   */
  public Tensor mean(int axis) {
    return sum(axis).mul(1.0 / shape.dim(axis));
  }

  /**
   * {@return maximum along one axis, which is removed}
   *
   * @param axis the axis to reduce, negative counting from the end
   */
  public Tensor max(int axis) {
    return Reduce.along(this, axis, Reduce.MAX);
  }

  /**
   * {@return position of the maximum along one axis (first one on ties), which is removed}
   *
   * @param axis the axis to reduce, negative counting from the end
   */
  public Tensor argmax(int axis) {
    return Reduce.argmax(this, axis);
  }

  /**
   * Sums this tensor down to {@code target}, undoing a broadcast from {@code target} to this
   * shape: the gradient of a broadcasting operation with respect to its smaller operand.
   *
   * @param target a shape this tensor's shape broadcasts from
   * @return a tensor of shape {@code target}
   */
  public Tensor sumTo(Shape target) {
    return Broadcast.sumTo(this, target);
  }

  /**
   * {@return inner product of two tensors of the same shape: Σ aᵢbᵢ}
   *
   * @param other a tensor of the same shape
   */
  public double dot(Tensor other) {
    double[] data = data();
    Broadcast.requireSame("dot", shape, other.shape);
    double[] o = other.data();
    double s = 0;
    for (int i = 0; i < data.length; i++) {
      s += data[i] * o[i];
    }
    return s;
  }

  /** {@return Euclidean (Frobenius) norm of all elements} */
  public double norm() {
    return Math.sqrt(dot(this));
  }

  /** {@return whether every element is finite (neither NaN nor infinite)} */
  public boolean isFinite() {
    byte known = finite;
    if (known != 0) {
      return known > 0;
    }
    boolean all = FiniteScan.all(data());
    finite = all ? (byte) 1 : (byte) -1;
    return all;
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * {@return matrix product} (m, k)·(k, n) → (m, n); batched (b, m, k)·(b, k, n) → (b, m, n); and
   * (b, m, k)·(k, n) → (b, m, n) with the right matrix shared by the batch.
   *
   * @param other the right factor B
   */
  public Tensor matmul(Tensor other) {
    return MatMul.product(this, false, other, false);
  }

  /**
   * The affine map of a dense layer in one pass over the output: {@code this·weight + bias}, the
   * bias added to every row, (m, k)·(k, n) + (n) → (m, n). Equal, bit for bit, to
   * {@code matmul(weight).add(bias)}, without the intermediate product.
   *
   * @param weight the (k, n) matrix
   * @param bias   the (n) row added to every row of the product
   * @return (m, n)
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor affine(Tensor weight, Tensor bias) {
    return MatMul.affine(this, weight, bias, false);
  }

  /**
   * A dense layer followed by a ReLU in one pass over the product: {@code relu(this·weight + bias)},
   * (m, k)·(k, n) + (n) → (m, n). Equal, bit for bit, to {@code affine(weight, bias).relu()}, without
   * the intermediate affine map.
   *
   * @param weight the (k, n) matrix
   * @param bias   the (n) row added to every row of the product
   * @return max(x·W + b, 0) elementwise, NaN kept, (m, n)
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor affineRelu(Tensor weight, Tensor bias) {
    return MatMul.affine(this, weight, bias, true);
  }

  /**
   * The input gradient of a dense layer carried on through the ReLU that produced the layer's input,
   * in one pass over the product: for the output gradient g = this (m, n), the weight W (k, n) and
   * the ReLU's output a (m, k), {@code (g·Wᵀ) ⊙ 1[a > 0]}. Equal, bit for bit, to
   * {@code activation.reluBackward(matmulTransposed(weight))}, without the intermediate product;
   * since relu(h) &gt; 0 exactly where h &gt; 0, it is also that map at the ReLU's input h.
   *
   * @param weight     W, (k, n)
   * @param activation a, (m, k): where it is positive, the gradient passes
   * @return (g·Wᵀ) ⊙ 1[a &gt; 0], (m, k)
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor matmulTransposedMasked(Tensor weight, Tensor activation) {
    if (rank() != 2 || weight.rank() != 2 || activation.rank() != 2 || dim(1) != weight.dim(1)
        || activation.dim(0) != dim(0) || activation.dim(1) != weight.dim(0)) {
      throw new IllegalArgumentException("matmulTransposedMasked needs (m, n)·(k, n)ᵀ masked by (m, k), got "
          + shape + ", " + weight.shape + " and " + activation.shape);
    }
    Tensor product = MatMul.product(this, false, weight, true);
    stepTimes(activation.data(), product.data(), product.data());
    return product;
  }

  /**
   * {@return {@code this · otherᵀ} without materialising the transpose: (m, k)·(n, k)ᵀ → (m, n)}
   *
   * @param other the right factor B
   */
  public Tensor matmulTransposed(Tensor other) {
    return MatMul.product(this, false, other, true);
  }

  /**
   * {@return {@code thisᵀ · other} without materialising the transpose: (k, m)ᵀ·(k, n) → (m, n)}
   * For two matrices the product is computed when its elements are first read, with the same bits;
   * an SGD step that only adds it to a weight ({@link #addScaled}) never writes it out on its own.
   *
   * @param other the right factor B
   */
  public Tensor transposedMatmul(Tensor other) {
    if (rank() == 2 && other.rank() == 2) {
      // Shapes checked now, at the call, not when the elements are first read.
      return new Tensor(MatMul.dims(this, true, other, false).shape(), new TransposedProduct(this, other));
    }
    return MatMul.product(this, true, other, false);
  }

  // ---------------------------------------------------------------- comparison

  /**
   * {@return whether both tensors have the same shape and every pair of elements satisfies {@code |a
   * - b| <= atol + rtol * |b|} (NaNs are never close)}
   *
   * @param other a tensor of the same shape
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    double[] data = data();
    if (!shape.equals(other.shape)) {
      return false;
    }
    double[] o = other.data();
    for (int i = 0; i < data.length; i++) {
      double a = data[i];
      double b = o[i];
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && a != b) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return largest absolute elementwise difference to a tensor of the same shape}
   *
   * @param other a tensor of the same shape
   */
  public double maxAbsDifference(Tensor other) {
    double[] data = data();
    Broadcast.requireSame("maxAbsDifference", shape, other.shape);
    double[] o = other.data();
    double m = 0;
    for (int i = 0; i < data.length; i++) {
      m = Math.max(m, Math.abs(data[i] - o[i]));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(data(), t.data());
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + Arrays.hashCode(data());
  }

  /** The shape and up to the first eight values, e.g. {@code Tensor(2, 3)[1.0, 2.0, ...]}. */
  @Override
  public String toString() {
    double[] data = data();
    StringBuilder s = new StringBuilder("Tensor").append(shape).append('[');
    for (int i = 0; i < Math.min(8, data.length); i++) {
      s.append(i == 0 ? "" : ", ").append(data[i]);
    }
    return s.append(data.length > 8 ? ", ...]" : "]").toString();
  }
}
