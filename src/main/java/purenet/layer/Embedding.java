package purenet.layer;

import purenet.init.Initializer;
import purenet.init.Normal;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A lookup table: each integer id selects one row of the weight, y[…, :] = W[id[…], :]; PyTorch's
 * {@code nn.Embedding} (without padding_idx or max_norm).
 *
 * <p>Shapes: weight W (V, D) for a vocabulary of V ids and D features; input ids of any shape
 * (batch, …) holding whole numbers in [0, V) stored as doubles; output (batch, …, D), e.g.
 * (batch, time) ids give (batch, time, D), the recurrent layers' layout. Every id is checked: one
 * that is not a whole number (2.5, NaN, ±∞) or outside [0, V) fails with the id, its position and
 * the vocabulary size, never a silent truncation.
 *
 * <p>Backward: ∂L/∂W[v, :] = Σ over the positions p with id[p] = v of g[p, :] (rows never looked
 * up get 0); ∂L/∂ids is 0, as the output does not vary with a whole-number id (PyTorch gives
 * indices no gradient). Parameter path: {@code weight}, as in PyTorch.
 *
 * @param weight the (V, D) table, one row per id
 */
public record Embedding(Tensor weight) implements Layer {

  /**
   * Validates the table.
   *
   * @param weight the (V, D) table, one row per id
   */
  public Embedding {
    if (weight == null || weight.rank() != 2 || weight.dim(0) < 1 || weight.dim(1) < 1) {
      throw new IllegalArgumentException("Embedding weight must be (vocabulary >= 1, features >= 1), got "
          + (weight == null ? "null" : weight.shape()));
    }
  }

  /**
   * A table of {@code vocabulary} rows of {@code features} values drawn from N(0, 1), PyTorch's
   * default.
   *
   * @param vocabulary number of ids V, ≥ 1
   * @param features   features per id D, ≥ 1
   * @param key        the key of the table
   * @return the layer
   */
  public static Embedding of(int vocabulary, int features, Key key) {
    return of(vocabulary, features, Normal.of(1.0), key);
  }

  /**
   * A table drawn from {@code init} (fans: fan_in = V, fan_out = D).
   *
   * @param vocabulary number of ids V, ≥ 1
   * @param features   features per id D, ≥ 1
   * @param init       the initializer
   * @param key        the key of the table
   * @return the layer
   */
  public static Embedding of(int vocabulary, int features, Initializer init, Key key) {
    if (vocabulary < 1 || features < 1) {
      throw new IllegalArgumentException("Embedding needs vocabulary and features >= 1, got " + vocabulary + " and "
          + features);
    }
    return new Embedding(init.initialize(key, Shape.of(vocabulary, features)));
  }

  /**
   * The vocabulary size V.
   *
   * @return the number of rows
   */
  public int vocabulary() {
    return weight.dim(0);
  }

  /**
   * The features per id D.
   *
   * @return the number of columns
   */
  public int features() {
    return weight.dim(1);
  }

  @Override
  public Forward forward(Tensor ids, Mode mode) {
    int[] rows = rows(ids);
    int d = features();
    double[] w = weight.toArray();
    double[] y = new double[rows.length * d];
    for (int p = 0; p < rows.length; p++) {
      System.arraycopy(w, rows[p] * d, y, p * d, d);
    }
    Tensor out = Tensor.of(y, outputShape(ids.shape()));
    Shape in = ids.shape();
    return new Forward(out, Backward.of(
        g -> new Grads(Tensor.zeros(in), weightGrad(rows, g)),
        g -> weightGrad(rows, g)), this);
  }

  private Tree weightGrad(int[] rows, Tensor g) {
    int d = features();
    double[] gd = g.toArray();
    double[] dw = new double[vocabulary() * d];
    for (int p = 0; p < rows.length; p++) {
      int base = rows[p] * d;
      for (int j = 0; j < d; j++) {
        dw[base + j] += gd[p * d + j];
      }
    }
    return Tree.empty().with("weight", Tensor.of(dw, weight.shape()));
  }

  /** The row of every id, checked. */
  private int[] rows(Tensor ids) {
    if (ids.rank() < 1) {
      throw new IllegalArgumentException("Embedding expects ids (batch, …), got a scalar " + ids.shape());
    }
    double[] v = ids.toArray();
    int[] rows = new int[v.length];
    for (int p = 0; p < v.length; p++) {
      double id = v[p];
      if (!(id >= 0 && id < vocabulary() && id == Math.rint(id))) {
        throw new IllegalArgumentException("Embedding expects whole-number ids in [0, " + vocabulary() + "), got "
            + id + " at " + position(ids.shape(), p) + " of ids " + ids.shape());
      }
      rows[p] = (int) id;
    }
    return rows;
  }

  private static String position(Shape shape, int flat) {
    int[] index = new int[shape.rank()];
    int rest = flat;
    for (int a = shape.rank() - 1; a >= 0; a--) {
      index[a] = rest % shape.dim(a);
      rest /= shape.dim(a);
    }
    StringBuilder s = new StringBuilder("index (");
    for (int a = 0; a < index.length; a++) {
      s.append(a == 0 ? "" : ", ").append(index[a]);
    }
    return s.append(')').toString();
  }

  private Shape outputShape(Shape ids) {
    int[] dims = new int[ids.rank() + 1];
    for (int a = 0; a < ids.rank(); a++) {
      dims[a] = ids.dim(a);
    }
    dims[ids.rank()] = features();
    return Shape.of(dims);
  }

  @Override
  public ShapeCheck check(Shape input) {
    if (input.rank() < 1) {
      return ShapeCheck.problem(Shape.of(1, features()), "Embedding expects ids (batch, …), got " + input);
    }
    return ShapeCheck.ok(outputShape(input));
  }
}
