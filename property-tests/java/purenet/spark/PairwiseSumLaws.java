package purenet.spark;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The distributed gradient sum does not depend on the order Spark's tasks finish in: P = 1..12
 * contributions with values spread over 12 orders of magnitude (so a different association would
 * change the bits), merged in a random order and grouping, give exactly the bits of the fixed
 * pairwise tree over partition indices. Exact equality, no tolerance: that is the law.
 */
class PairwiseSumLaws {

  record Case(Vector<Double> values, List<Integer> order, List<Boolean> grouping) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers().between(1, 12).flatMap(p -> Combinators.combine(
        Combinators.combine(Arbitraries.doubles().between(-1, 1), Arbitraries.integers().between(-6, 6))
            .as((m, e) -> m * Math.pow(10, e)).list().ofSize(p),
        Arbitraries.shuffle(Vector.range(0, p).toJavaList()),
        Arbitraries.of(true, false).list().ofSize(p))
        .as((values, order, grouping) -> new Case(Vector.ofAll(values), order, grouping)));
  }

  private static Contribution of(double v) {
    return new Contribution(Tree.leaf(Tensor.scalar(v)), v, 0, Option.none(), 1, Tree.empty(), 0);
  }

  /** The fixed pairwise tree over [from, to): left half + right half, halves at powers of two. */
  private static double pairwise(Vector<Double> v, int from, int size) {
    if (size == 1) {
      return from < v.size() ? v.get(from) : Double.NaN;
    }
    int half = size / 2;
    if (from + half >= v.size()) {
      return pairwise(v, from, half);
    }
    return pairwise(v, from, half) + pairwise(v, from + half, half);
  }

  @Property
  void anyMergeOrderGivesTheFixedPairwiseBits(@ForAll("cases") Case c) {
    int p = c.values().size();
    // Partial sums as executors would build them: each a run of consecutive finished tasks,
    // then merged on the driver one by one in arrival order.
    List<PairwiseSum> partials = new ArrayList<>();
    PairwiseSum current = PairwiseSum.empty(p);
    for (int i = 0; i < p; i++) {
      int partition = c.order().get(i);
      current = current.add(partition, of(c.values().get(partition)));
      if (c.grouping().get(i)) {
        partials.add(current);
        current = PairwiseSum.empty(p);
      }
    }
    partials.add(current);
    PairwiseSum total = PairwiseSum.empty(p);
    for (PairwiseSum s : partials) {
      total = total.merge(s);
    }
    int size = 1;
    while (size < p) {
      size *= 2;
    }
    double expected = pairwise(c.values(), 0, size);
    if (!(total.isComplete() && total.total().grads().leaves().head().item() == expected
        && total.total().dataLoss() == expected && total.total().examples() == p)) {
      throw new AssertionError("order " + c.order() + " gave " + total.total().dataLoss() + ", expected " + expected);
    }
  }
}
