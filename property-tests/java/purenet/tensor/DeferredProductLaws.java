package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * A matrix product {@code aᵀ·b} that {@link Tensor#transposedMatmul} defers is, whenever it is
 * read, the product computed at once, bit for bit; an SGD step that adds it to a weight without
 * reading it ({@link Tensor#addScaled}) gives the bits of the step on the computed product, on any
 * number of threads, leaves the product's value untouched, and never reports it finite when it is
 * not. Exact equality throughout: the same operations run in the same order.
 *
 * <p>Values are standard normal with every {@code every}-th one replaced by NaN, ±∞, ±0 or a
 * subnormal. Shapes: depths 1–1100 (across the product's depth blocks of 512), and results of up
 * to 200×200 elements, more than one range of the parallel pass.
 */
class DeferredProductLaws {
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
      -0.0, Double.MIN_VALUE};

  private static Tensor values(Key key, int every, int... shape) {
    int n = Shape.of(shape).size();
    double[] v = key.normal(n);
    for (int i = every - 1; every > 0 && i < n; i += every) {
      v[i] = SPECIAL[(i / every) % SPECIAL.length];
    }
    return Tensor.of(v, shape);
  }

  @Property(tries = 60)
  void aDeferredProductIsTheProductComputedAtOnce(@ForAll @IntRange(min = 1, max = 1100) int k,
      @ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 500) int every, @ForAll long seed) throws Exception {
    Key[] keys = Key.of(seed).split(2);
    Tensor a = values(keys[0], every, k, m);
    Tensor b = values(keys[1], every, k, n);
    Tensor eager = MatMul.product(a, true, b, false);
    Tensor deferred = a.transposedMatmul(b);
    assertEquals(eager.shape(), deferred.shape());
    assertEquals(eager.size(), deferred.size());
    assertEquals(eager, roundTrip(a.transposedMatmul(b)), "serialised while deferred");
    assertEquals(eager.isFinite(), a.transposedMatmul(b).isFinite());
    assertEquals(eager, deferred);
    assertEquals(eager.hashCode(), deferred.hashCode());
  }

  @Property(tries = 60)
  void anSgdStepOnADeferredProductIsTheStepOnTheComputedOne(@ForAll @IntRange(min = 1, max = 600) int k,
      @ForAll @IntRange(min = 1, max = 200) int m, @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @IntRange(min = -3, max = 3) int exponent, @ForAll @IntRange(min = 0, max = 3000) int every,
      @ForAll boolean badWeight, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor a = values(keys[0], every, k, m);
    Tensor b = values(keys[1], every, k, n);
    Tensor p = values(keys[2], badWeight ? every : 0, m, n);
    double c = -Math.pow(10, exponent);
    Tensor product = MatMul.product(a, true, b, false);
    Tensor expected = p.addScaled(c, product);
    for (int threads = 1; threads <= 3; threads++) {
      Tensor g = a.transposedMatmul(b);
      OnThreads.run(threads, () -> {
        Tensor step = p.addScaled(c, g);
        assertArrayEquals(expected.toArray(), step.toArray(), "step on " + m + "×" + n + ", depth " + k);
        assertEquals(expected.isFinite(), step.isFinite());
      });
      // Finite only if it is: the answer a training step's gradient check takes without computing g.
      assertEquals(product.isFinite(), g.isFinite(), "finiteness of the gradient");
      assertEquals(product, g, "the gradient after the step");
    }
  }

  private static Tensor roundTrip(Tensor t) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (Tensor) in.readObject();
    }
  }
}
