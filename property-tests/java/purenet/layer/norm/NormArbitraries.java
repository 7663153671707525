package purenet.layer.norm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.testkit.TensorArbitraries;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Shrinkable generators for the normalization properties; every one constructs valid values
 * directly (no filtering). Values carry six decimals. Built on {@link TensorArbitraries}.
 */
final class NormArbitraries {
  private NormArbitraries() {}

  /** A dimension in 1..max. */
  static Arbitrary<Integer> dim(int max) {
    return Arbitraries.integers().between(1, max);
  }

  /** Scalars in [lo, hi] with six decimals ({@link TensorArbitraries#values}). */
  static Arbitrary<Double> values(double lo, double hi) {
    return TensorArbitraries.values(lo, hi);
  }

  /** Tensors of the given shape with elements in [lo, hi] ({@link TensorArbitraries#tensors}). */
  static Arbitrary<Tensor> tensors(Shape shape, double lo, double hi) {
    return TensorArbitraries.tensors(shape, lo, hi);
  }

  /**
   * Inputs of the given shape whose elements are a per-channel offset in [-3, 3] plus a value in
   * [-2, 2]: statistics far from (0, 1), so normalization has work to do.
   */
  static Arbitrary<Tensor> inputs(Shape shape) {
    int channels = shape.rank() < 2 ? 1 : shape.dim(1);
    return Combinators.combine(tensors(shape, -2, 2), tensors(Shape.of(channels), -3, 3))
        .as((x, offset) -> shape.rank() < 2 ? x : x.add(offset.reshape(channelBroadcast(shape))));
  }

  /** The shape (C, 1, ..., 1) that broadcasts a channel vector over (batch, C, ...). */
  static Shape channelBroadcast(Shape shape) {
    int[] d = new int[shape.rank() - 1];
    java.util.Arrays.fill(d, 1);
    d[0] = shape.dim(1);
    return Shape.of(d);
  }

  /** (batch, channels) or (batch, channels, spatial...) of rank 2..4; batch 1..6, C 1..5, spatial 1..4. */
  static Arbitrary<Shape> channelShapes(int minRank) {
    return Combinators.combine(dim(6), dim(5), dim(4).list().ofMinSize(minRank - 2).ofMaxSize(2))
        .as((b, c, spatial) -> {
          int[] d = new int[2 + spatial.size()];
          d[0] = b;
          d[1] = c;
          for (int i = 0; i < spatial.size(); i++) {
            d[2 + i] = spatial.get(i);
          }
          return Shape.of(d);
        });
  }

  /** Tensors with every |x| in [min, max] and a random sign ({@link TensorArbitraries#awayFromZero}). */
  static Arbitrary<Tensor> awayFromZero(Shape shape, double min, double max) {
    return TensorArbitraries.awayFromZero(shape, min, max);
  }

  /** ε in [1e-5, 1e-2] (log-uniform in decades). */
  static Arbitrary<Double> epsilons() {
    return Arbitraries.of(1e-5, 1e-4, 1e-3, 1e-2);
  }

  /** Per-channel γ in [-2, 2] and β in [-1, 1], as {gamma, beta}. */
  static Arbitrary<Tensor[]> gammaBeta(Shape shape) {
    return Combinators.combine(tensors(shape, -2, 2), tensors(shape, -1, 1)).as((g, b) -> new Tensor[] {g, b});
  }

  /**
   * Batch norms over the channels of {@code input}: random γ, β, ε, decay α in [0, 0.99], running
   * statistics either uninitialised or with mean in [-3, 3], variance in [0.01, 4] and count
   * 1..1000; unbiased only if {@code unbiasedAllowed} (the caller's guarantee that every
   * statistics group has at least two values).
   */
  static Arbitrary<BatchNorm> batchNorms(int channels, boolean unbiasedAllowed) {
    Shape c = Shape.of(channels);
    Arbitrary<RunningStats> running = Combinators.combine(Arbitraries.of(true, false), tensors(c, -3, 3),
            tensors(c, 0.01, 4), Arbitraries.longs().between(1, 1000))
        .as((fresh, mean, var, count) -> fresh ? RunningStats.initial(channels) : new RunningStats(mean, var, count));
    return Combinators.combine(gammaBeta(c), running, epsilons(), values(0, 0.99), Arbitraries.of(true, false))
        .as((gb, r, eps, decay, unbiased) -> new BatchNorm(gb[0], gb[1], r, eps, decay, unbiased && unbiasedAllowed));
  }
}
