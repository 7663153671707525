package purenet.random;

import java.io.Serializable;

/**
 * A pseudo-random key: an immutable value from which random numbers are derived, never a stateful
 * generator.
 *
 * <p>The same key always yields the same numbers. Independent streams come from {@link #split}
 * (n fresh keys) or {@link #foldIn} (a key derived from this one and an integer, e.g. a step
 * number). The generator is counter-based: the i-th 64-bit word of a key is a hash of
 * (key, i), so any element can be computed independently of the others and results do not depend
 * on evaluation order or thread count. The hash is SplitMix64's finaliser applied twice over the
 * 128-bit key, which passes BigCrush as a counter-based generator.
 *
 * @param hi the high 64 bits of the key
 * @param lo the low 64 bits of the key
 */
public record Key(long hi, long lo) implements Serializable {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long SPLIT_DOMAIN = 0x632BE59BD9B4E019L;
  private static final long FOLD_DOMAIN = 0x85157AF5D2B0F3A7L;

  /**
   * {@return the key of a seed}
   *
   * @param seed any 64-bit seed
   */
  public static Key of(long seed) {
    return new Key(mix(seed ^ FOLD_DOMAIN), mix(seed + GOLDEN));
  }

  /**
   * {@return {@code n} keys independent of each other and of this one}
   *
   * @param n the number of keys, ≥ 1
   */
  public Key[] split(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("split count must be >= 0, got " + n);
    }
    Key[] keys = new Key[n];
    for (int i = 0; i < n; i++) {
      keys[i] = new Key(word(SPLIT_DOMAIN, 2L * i), word(SPLIT_DOMAIN, 2L * i + 1));
    }
    return keys;
  }

  /**
   * {@return a key derived from this one and {@code data}: distinct data give independent keys}
   *
   * @param data the value to fold in, e.g. a step or epoch number
   */
  public Key foldIn(long data) {
    return new Key(word(FOLD_DOMAIN, 2 * data), word(FOLD_DOMAIN, 2 * data + 1));
  }

  /**
   * {@return the i-th 64-bit random word of this key}
   *
   * @param i the index of the word
   */
  public long bits(long i) {
    return word(0, i);
  }

  /**
   * {@return {@code n} independent uniform samples in [0, 1)}
   *
   * @param n the number of samples, ≥ 0
   */
  public double[] uniform(int n) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = unit(bits(i));
    }
    return u;
  }

  /**
   * {@return {@code n} independent uniform samples in [lo, hi)}
   *
   * @param n the number of samples, ≥ 0
   * @param lo the inclusive lower bound
   * @param hi the exclusive upper bound
   */
  public double[] uniform(int n, double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("uniform needs lo < hi, got [" + lo + ", " + hi + ")");
    }
    double[] u = uniform(n);
    for (int i = 0; i < n; i++) {
      u[i] = lo + (hi - lo) * u[i];
    }
    return u;
  }

  /**
   * {@return {@code n} independent standard normal samples (Box-Muller on pairs of words)}
   *
   * @param n the number of samples, ≥ 0
   */
  public double[] normal(int n) {
    double[] z = new double[n];
    for (int i = 0; i < n; i += 2) {
      // 1 - u lies in (0, 1], so the logarithm is finite.
      double r = Math.sqrt(-2.0 * Math.log(1.0 - unit(bits(i))));
      double theta = 2.0 * Math.PI * unit(bits(i + 1L));
      z[i] = r * Math.cos(theta);
      if (i + 1 < n) {
        z[i + 1] = r * Math.sin(theta);
      }
    }
    return z;
  }

  /**
   * {@return {@code n} independent Bernoulli draws, each true with probability {@code p}}
   *
   * @param n the number of draws, ≥ 0
   * @param p the probability of true, in [0, 1]
   */
  public boolean[] bernoulli(int n, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    boolean[] b = new boolean[n];
    for (int i = 0; i < n; i++) {
      b[i] = unit(bits(i)) < p;
    }
    return b;
  }

  /**
   * {@return a uniformly random permutation of 0 .} n-1 (Fisher-Yates).
   *
   * @param n the number of elements, ≥ 0
   */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = (int) unbiased(bits(i), i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * {@return a uniform integer in [0, bound)}
   *
   * @param bound the exclusive upper bound, ≥ 1
   */
  public int uniformInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, got " + bound);
    }
    return (int) unbiased(bits(0), bound);
  }

  private long word(long domain, long i) {
    return mix(hi ^ mix(lo + domain + (i + 1) * GOLDEN));
  }

  /** Lemire's multiply-shift: maps a 64-bit word to [0, bound) with negligible bias. */
  private static long unbiased(long word, int bound) {
    return Math.multiplyHigh(word >>> 1, (long) bound << 1) & 0x7FFFFFFFFFFFFFFFL;
  }

  private static double unit(long word) {
    return (word >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finaliser (Stafford's variant 13). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
