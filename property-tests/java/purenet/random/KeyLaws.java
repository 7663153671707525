package purenet.random;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Laws of the PRNG key: determinism, independence of split and folded keys, and the moments of the
 * samplers.
 *
 * <p>Statistical bounds are six standard errors of the statistic for n = {@value #N} samples, so a
 * correct generator fails a single check with probability about 2·10⁻⁹ (about 10⁻⁶ over the whole
 * class); a biased or correlated generator at the 5% level fails every time.
 */
class KeyLaws {

  static final int N = 10_000;

  /** Six standard errors. */
  static final double Z = 6;

  @Property(tries = 200)
  void theSameKeyGivesTheSameNumbers(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n) {
    Key a = Key.of(seed);
    Key b = Key.of(seed);
    require(a.equals(b), "Key.of is a function of the seed");
    require(Arrays.equals(a.uniform(n), b.uniform(n)), "uniform");
    require(Arrays.equals(a.normal(n), b.normal(n)), "normal");
    require(Arrays.equals(a.bernoulli(n, 0.3), b.bernoulli(n, 0.3)), "bernoulli");
    require(Arrays.equals(a.permutation(n), b.permutation(n)), "permutation");
    require(Arrays.equals(a.split(3), b.split(3)), "split");
    require(a.foldIn(n).equals(b.foldIn(n)), "foldIn");
    require(a.bits(n) == b.bits(n), "bits");
  }

  @Property(tries = 200)
  void splitKeysDifferAndTheirStreamsAreUncorrelated(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int n) {
    Key parent = Key.of(seed);
    Key[] keys = parent.split(n);
    Set<Key> distinct = new HashSet<>(Arrays.asList(keys));
    distinct.add(parent);
    require(distinct.size() == n + 1, "split keys differ from each other and from the parent");
    double[] p = parent.uniform(N);
    for (int i = 0; i < n; i++) {
      double[] u = keys[i].uniform(N);
      requireUncorrelated(p, u, "parent and split key " + i);
      for (int j = i + 1; j < n; j++) {
        requireUncorrelated(u, keys[j].uniform(N), "split keys " + i + " and " + j);
      }
    }
  }

  @Property(tries = 200)
  void foldingInDistinctDataGivesDistinctUncorrelatedStreams(@ForAll long seed, @ForAll long data,
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long offset) {
    Key key = Key.of(seed);
    Key a = key.foldIn(data);
    Key b = key.foldIn(data + offset);
    require(!a.equals(b) && !a.equals(key), "distinct data give distinct keys");
    requireUncorrelated(a.uniform(N), b.uniform(N), "foldIn(" + data + ") and foldIn(" + (data + offset) + ")");
  }

  @Property(tries = 200)
  void uniformHasMeanOneHalfAndVarianceOneTwelfth(@ForAll long seed) {
    double[] u = Key.of(seed).uniform(N);
    require(Arrays.stream(u).allMatch(x -> x >= 0 && x < 1), "uniform samples lie in [0, 1)");
    // Var(mean) = (1/12)/n; Var(sample variance) ≈ (μ₄ − σ⁴)/n with μ₄ = 1/80, σ⁴ = 1/144.
    requireNear(mean(u), 0.5, Z * Math.sqrt(1.0 / 12 / N), "uniform mean");
    requireNear(variance(u), 1.0 / 12, Z * Math.sqrt((1.0 / 80 - 1.0 / 144) / N), "uniform variance");
  }

  @Property(tries = 200)
  void uniformInARangeStaysInTheRange(@ForAll long seed, @ForAll @DoubleRange(min = -5, max = 5) double lo,
      @ForAll @DoubleRange(min = 0.01, max = 10) double width) {
    double hi = lo + width;
    double[] u = Key.of(seed).uniform(1000, lo, hi);
    require(Arrays.stream(u).allMatch(x -> x >= lo && x <= hi), "samples lie in [" + lo + ", " + hi + "]");
  }

  @Property(tries = 200)
  void normalHasMeanZeroAndVarianceOne(@ForAll long seed) {
    double[] z = Key.of(seed).normal(N);
    // Var(mean) = 1/n; Var(sample variance) = 2/n for a standard normal.
    requireNear(mean(z), 0, Z * Math.sqrt(1.0 / N), "normal mean");
    requireNear(variance(z), 1, Z * Math.sqrt(2.0 / N), "normal variance");
  }

  @Property(tries = 200)
  void bernoulliFractionIsP(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 1) double p) {
    boolean[] b = Key.of(seed).bernoulli(N, p);
    int ones = 0;
    for (boolean x : b) {
      ones += x ? 1 : 0;
    }
    // The fraction has variance p(1 − p)/n; p = 0 and p = 1 are exact.
    requireNear((double) ones / N, p, Z * Math.sqrt(p * (1 - p) / N), "bernoulli(" + p + ") fraction");
  }

  @Property(tries = 200)
  void permutationIsAPermutation(@ForAll long seed, @ForAll @IntRange(min = 0, max = 500) int n) {
    int[] p = Key.of(seed).permutation(n);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      require(sorted[i] == i, "permutation(" + n + ") holds every index once: " + Arrays.toString(p));
    }
  }

  @Property(tries = 200)
  void uniformIntIsBelowTheBound(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
    int k = Key.of(seed).uniformInt(bound);
    require(k >= 0 && k < bound, "uniformInt(" + bound + ") = " + k);
  }

  /** Pearson correlation within six standard errors (1/√n) of 0. */
  private static void requireUncorrelated(double[] a, double[] b, String what) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    double r = sab / Math.sqrt(saa * sbb);
    requireNear(r, 0, Z / Math.sqrt(a.length), "correlation of " + what);
    require(!Arrays.equals(a, b), what + " give different streams");
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).sum() / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / x.length;
  }

  private static void requireNear(double actual, double expected, double bound, String what) {
    require(Math.abs(actual - expected) <= bound, what + " = " + actual + ", expected " + expected + " ± " + bound);
  }

  private static void require(boolean holds, String law) {
    if (!holds) {
      throw new AssertionError(law);
    }
  }
}
