package purenet.tensor;

import static purenet.testkit.TensorArbitraries.dims;
import static purenet.testkit.TensorArbitraries.shapeOf;
import static purenet.testkit.TensorArbitraries.shapes;
import static purenet.testkit.TensorArbitraries.tensors;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the tensor's shape algebra: broadcasting (commutativity, agreement with explicit tiling,
 * {@code sumTo} as its adjoint), transpose, permute, reshape, concat/slice and stack/index. Matrix
 * products have their own laws elsewhere. Shapes have rank 1..4 and dimensions 1..{@value #MAX_DIM}.
 */
class TensorLaws {

  /** Dimensions up to 6 keep rank-4 tensors at most 1296 elements. */
  static final int MAX_DIM = 6;

  /** Two tensors whose shapes broadcast: each axis of each is the common dimension or 1, leading axes may be absent. */
  record Pair(Tensor a, Tensor b) {}

  @Provide
  Arbitrary<Pair> broadcastable() {
    return shapes(1, 4, MAX_DIM).flatMap(full -> Combinators.combine(partner(full), partner(full)).flatAs((sa, sb) ->
        Combinators.combine(tensors(sa, -3, 3), tensors(sb, -3, 3)).as(Pair::new)));
  }

  /** A shape that broadcasts to {@code full}: a suffix of its axes, each kept or set to 1. */
  static Arbitrary<Shape> partner(Shape full) {
    return Combinators.combine(Arbitraries.integers().between(0, full.rank()),
            Arbitraries.of(true, false).list().ofSize(full.rank()))
        .as((drop, keep) -> {
          List<Integer> d = new ArrayList<>();
          for (int i = drop; i < full.rank(); i++) {
            d.add(keep.get(i) ? full.dim(i) : 1);
          }
          return shapeOf(d);
        });
  }

  /** {@code t} repeated to {@code out} by explicit index arithmetic, independent of the broadcast kernel. */
  static Tensor tile(Tensor t, Shape out) {
    int offset = out.rank() - t.rank();
    return Tensor.generate(out, i -> {
      int[] index = unravel(i, out);
      int[] source = new int[t.rank()];
      for (int k = 0; k < t.rank(); k++) {
        source[k] = t.dim(k) == 1 ? 0 : index[k + offset];
      }
      return t.get(source);
    });
  }

  static int[] unravel(int position, Shape shape) {
    int[] index = new int[shape.rank()];
    for (int k = shape.rank() - 1; k >= 0; k--) {
      index[k] = position % shape.dim(k);
      position /= shape.dim(k);
    }
    return index;
  }

  @Property(tries = 200)
  void broadcastingArithmeticCommutes(@ForAll("broadcastable") Pair p) {
    // IEEE addition and multiplication are commutative: exact equality.
    require(p.a().add(p.b()).equals(p.b().add(p.a())), "a + b = b + a for " + p);
    require(p.a().mul(p.b()).equals(p.b().mul(p.a())), "a * b = b * a for " + p);
  }

  @Property(tries = 200)
  void broadcastingEqualsExplicitTiling(@ForAll("broadcastable") Pair p) {
    Shape out = p.a().shape().broadcast(p.b().shape());
    Tensor tiledA = tile(p.a(), out);
    Tensor tiledB = tile(p.b(), out);
    // The same single operation per element on the same operands: exact equality.
    require(p.a().sub(p.b()).equals(tiledA.sub(tiledB)), "a − b = tile(a) − tile(b) for " + p);
    require(p.a().add(Tensor.zeros(out)).equals(tiledA), "a + 0 = tile(a) for " + p);
  }

  @Property(tries = 200)
  void sumToIsTheAdjointOfBroadcasting(@ForAll("broadcastable") Pair p) {
    Tensor x = p.a();
    Shape out = x.shape().broadcast(p.b().shape());
    Tensor y = tile(p.b(), out).add(Tensor.arange(out.size()).reshape(out).mul(0.01));
    Tensor bx = tile(x, out);
    double lhs = bx.dot(y);
    double rhs = x.dot(y.sumTo(x.shape()));
    // Both sides sum the same ≤ 4096 products in different orders: rounding is below
    // 1e-12 of Σ|products|.
    double scale = bx.abs().dot(y.abs());
    require(Math.abs(lhs - rhs) <= 1e-12 * scale + Double.MIN_NORMAL,
        "⟨broadcast(x), y⟩ = " + lhs + " but ⟨x, sumTo(y)⟩ = " + rhs);
    require(y.sumTo(x.shape()).shape().equals(x.shape()), "sumTo gives the target shape");
  }

  @Provide
  Arbitrary<Tensor> anyTensor() {
    return tensors(shapes(1, 4, MAX_DIM), -3, 3);
  }

  @Property(tries = 200)
  void transposeIsAnInvolutionThatSwapsTheLastTwoAxes(@ForAll("anyTensor") Tensor t) {
    require(t.transpose().transpose().equals(t), "transpose(transpose(t)) = t");
    if (t.rank() >= 2) {
      Tensor tt = t.transpose();
      for (int i = 0; i < t.size(); i++) {
        int[] index = unravel(i, t.shape());
        int r = index.length;
        int swap = index[r - 1];
        index[r - 1] = index[r - 2];
        index[r - 2] = swap;
        require(tt.get(index) == t.at(i), "transpose moves element " + i);
      }
    }
  }

  record Permuted(Tensor t, List<Integer> axes) {}

  @Provide
  Arbitrary<Permuted> permuted() {
    return shapes(1, 4, MAX_DIM).flatMap(s -> Combinators.combine(tensors(s, -3, 3),
        Arbitraries.shuffle(range(s.rank()))).as(Permuted::new));
  }

  @Property(tries = 200)
  void permuteThenInversePermuteIsTheIdentity(@ForAll("permuted") Permuted p) {
    int[] axes = p.axes().stream().mapToInt(Integer::intValue).toArray();
    int[] inverse = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      inverse[axes[i]] = i;
    }
    Tensor moved = p.t().permute(axes);
    require(moved.permute(inverse).equals(p.t()), "permute(p) then permute(p⁻¹) is the identity");
    for (int i = 0; i < moved.size(); i++) {
      int[] index = unravel(i, moved.shape());
      int[] source = new int[axes.length];
      for (int k = 0; k < axes.length; k++) {
        source[axes[k]] = index[k];
      }
      require(moved.at(i) == p.t().get(source), "output axis i is input axis axes[i]");
    }
  }

  @Property(tries = 200)
  void reshapeRoundTripsAndKeepsRowMajorOrder(@ForAll("permuted") Permuted p) {
    Tensor t = p.t();
    // The dimensions in another order have the same product: a valid target shape.
    int[] target = p.axes().stream().mapToInt(t::dim).toArray();
    Tensor r = t.reshape(target);
    require(java.util.Arrays.equals(r.toArray(), t.toArray()), "reshape keeps the elements in order");
    require(r.reshape(t.shape()).equals(t), "reshape round trip");
    require(t.reshape(-1).shape().equals(Shape.of(t.size())), "-1 infers the size");
    require(t.flattenFrom1().reshape(t.shape()).equals(t), "flattenFrom1 round trip");
  }

  record Parts(Tensor a, Tensor b, int axis) {}

  @Provide
  Arbitrary<Parts> concatenable() {
    return shapes(1, 4, MAX_DIM).flatMap(s -> Combinators.combine(Arbitraries.integers().between(0, s.rank() - 1), dims())
        .flatAs((axis, extra) -> Combinators.combine(tensors(s, -3, 3), tensors(s.with(axis, extra), -3, 3))
            .as((a, b) -> new Parts(a, b, axis))));
  }

  @Property(tries = 200)
  void concatThenSliceGivesThePartsBack(@ForAll("concatenable") Parts p) {
    Tensor joined = Tensor.concat(p.axis(), p.a(), p.b());
    int[] toFront = moveToFront(p.a().rank(), p.axis());
    int[] back = new int[toFront.length];
    for (int i = 0; i < toFront.length; i++) {
      back[toFront[i]] = i;
    }
    Tensor front = joined.permute(toFront);
    int n = p.a().dim(p.axis());
    require(front.slice(0, n).permute(back).equals(p.a()), "the first part comes back");
    require(front.slice(n, front.dim(0)).permute(back).equals(p.b()), "the second part comes back");
    require(joined.dim(p.axis()) == n + p.b().dim(p.axis()), "the axis sizes add");
  }

  record Stack(List<Tensor> parts) {}

  @Provide
  Arbitrary<Stack> stacks() {
    return Combinators.combine(shapes(0, 3, MAX_DIM), dims()).flatAs((s, n) -> tensors(s, -3, 3).list().ofSize(n).map(Stack::new));
  }

  @Property(tries = 200)
  void stackThenIndexGivesEachPartBack(@ForAll("stacks") Stack s) {
    Tensor stacked = Tensor.stack(s.parts().toArray(new Tensor[0]));
    require(stacked.dim(0) == s.parts().size(), "a new first axis of the number of parts");
    for (int i = 0; i < s.parts().size(); i++) {
      require(stacked.index(i).equals(s.parts().get(i)), "index(" + i + ") is part " + i);
    }
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  private static int[] moveToFront(int rank, int axis) {
    int[] p = new int[rank];
    p[0] = axis;
    for (int i = 0, k = 1; i < rank; i++) {
      if (i != axis) {
        p[k++] = i;
      }
    }
    return p;
  }

  private static void require(boolean holds, String law) {
    if (!holds) {
      throw new AssertionError(law);
    }
  }
}
