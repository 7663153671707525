package purenet.net;

import io.vavr.collection.Vector;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * How a {@link Parallel} combines the outputs y₁ … yₙ of its branches, and the adjoint that hands
 * each branch its share of the output gradient g.
 */
public enum Merge {

  /**
   * y = Σᵢ yᵢ; every branch output must have the same shape, which is the output's. Adjoint: every
   * branch receives g itself.
   */
  SUM,

  /**
   * y = [y₁ | … | yₙ] joined along the last axis (features for (batch, features)); all other axes
   * must agree. Output: the common shape with last dimension Σᵢ dᵢ. Adjoint: branch i receives the
   * slice of g's last axis where its output went.
   */
  CONCAT;

  /** Whether two branch outputs can be merged. */
  boolean compatible(Shape a, Shape b) {
    if (this == SUM) {
      return a.equals(b);
    }
    return a.rank() > 0 && b.rank() > 0 && a.with(-1, 0).equals(b.with(-1, 0));
  }

  /** What {@link #compatible} demands, for error messages. */
  String requirement() {
    return this == SUM ? "equal shapes" : "shapes that agree except in the last axis";
  }

  /** The merged shape, from the first output's shape (still defined when they do not fit). */
  Shape output(Vector<Shape> shapes) {
    Shape first = shapes.head();
    if (this == SUM || first.rank() == 0) {
      return first;
    }
    return first.with(-1, shapes.filter(s -> s.rank() > 0).map(s -> s.dim(-1)).sum().intValue());
  }

  /** The merged output of compatible branch outputs. */
  Tensor merge(Vector<Tensor> outputs) {
    if (this == CONCAT) {
      return Tensor.concat(-1, outputs.toJavaArray(Tensor[]::new));
    }
    Tensor y = outputs.head();
    for (Tensor yi : outputs.tail()) {
      y = y.add(yi);
    }
    return y;
  }

  /** The adjoint of {@link #merge}: branch i's share of the output gradient g. */
  Vector<Tensor> split(Tensor g, Vector<Shape> shapes) {
    if (this == SUM) {
      return shapes.map(s -> g);
    }
    int total = g.dim(-1);
    Vector<Tensor> parts = Vector.empty();
    int offset = 0;
    for (Shape s : shapes) {
      int width = s.dim(-1);
      int from = offset;
      // one pass per slice: element k of the slice is row k / width, column from + k % width of g
      parts = parts.append(Tensor.generate(g.shape().with(-1, width),
          k -> g.at(k / width * total + from + k % width)));
      offset += width;
    }
    return parts;
  }
}
