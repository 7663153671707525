package purenet.tensor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of a {@link Tensor}: an immutable list of non-negative dimension sizes, row-major.
 *
 * <p>A shape of rank 0, written {@code ()}, is a scalar with one element. {@link #toString()} prints
 * the dimensions the way error messages use them: {@code (32, 28, 28)}.
 */
public final class Shape implements Serializable {
  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /**
   * {@return a shape with the given dimensions}
   *
   * @param dims the sizes of the axes, each ≥ 0
   * @throws IllegalArgumentException if a dimension is negative
   */
  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("dimensions must be >= 0, got " + format(dims));
      }
    }
    return new Shape(dims.clone());
  }

  /** {@return the scalar shape {@code ()}} */
  public static Shape scalar() {
    return new Shape(new int[0]);
  }

  /** {@return number of axes} */
  public int rank() {
    return dims.length;
  }

  /**
   * {@return size of one axis; negative axes count from the end ({@code -1} is the last)}
   *
   * @param axis the axis, negative counting from the end
   */
  public int dim(int axis) {
    return dims[axis(axis)];
  }

  /** {@return a copy of the dimensions} */
  public int[] dims() {
    return dims.clone();
  }

  /** {@return number of elements: the product of the dimensions (1 for a scalar)} */
  public int size() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + this + " has more than 2^31-1 elements");
    }
    return (int) n;
  }

  /**
   * Normalises a possibly negative axis index, failing with the shape in the message.
   *
   * @param axis an axis in [-rank, rank)
   * @return the axis in [0, rank)
   */
  public int axis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
    }
    return a;
  }

  /** Row-major strides, in elements. */
  int[] strides() {
    int[] s = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = stride;
      stride *= dims[i];
    }
    return s;
  }

  /**
   * {@return this shape with one axis replaced by {@code size}}
   *
   * @param axis the axis to change, negative counting from the end
   * @param size the new size of that axis, ≥ 0
   */
  public Shape with(int axis, int size) {
    int[] d = dims.clone();
    d[axis(axis)] = size;
    return Shape.of(d);
  }

  /**
   * {@return this shape without the given axis}
   *
   * @param axis the axis to remove, negative counting from the end
   */
  public Shape without(int axis) {
    int a = axis(axis);
    int[] d = new int[dims.length - 1];
    for (int i = 0, j = 0; i < dims.length; i++) {
      if (i != a) {
        d[j++] = dims[i];
      }
    }
    return new Shape(d);
  }

  /**
   * {@return the NumPy broadcast of two shapes, or an error naming both}
   *
   * @param other the other shape
   */
  public Shape broadcast(Shape other) {
    int rank = Math.max(rank(), other.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int a = i < rank - rank() ? 1 : dims[i - (rank - rank())];
      int b = i < rank - other.rank() ? 1 : other.dims[i - (rank - other.rank())];
      if (a != b && a != 1 && b != 1) {
        throw new IllegalArgumentException(
            "shapes " + this + " and " + other + " cannot be broadcast together");
      }
      out[i] = a == 1 ? b : a;
    }
    return new Shape(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return format(dims);
  }

  static String format(int[] dims) {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
