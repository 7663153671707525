package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.random.Key;

/**
 * The LSTM sequence kernel against the step-by-step formulas written with public tensor
 * operations (bit for bit, since both use the same product and the same expressions), against
 * finite differences, and on several thread counts.
 */
class LstmRecurrenceTest {

  private record Case(int batch, int time, int units, Tensor p, Tensor w, Tensor h0, Tensor c0, Tensor gamma) {
    static Case random(long seed, int batch, int time, int units) {
      Key[] k = Key.of(seed).split(5);
      return new Case(batch, time, units,
          Tensor.of(k[0].uniform(time * batch * 4 * units, -1.5, 1.5), time * batch, 4 * units),
          Tensor.of(k[1].uniform(units * 4 * units, -0.5, 0.5), units, 4 * units),
          Tensor.of(k[2].uniform(batch * units, -1, 1), batch, units),
          Tensor.of(k[3].uniform(batch * units, -1, 1), batch, units),
          Tensor.of(k[4].uniform(batch * time * units, -1, 1), batch, time, units));
    }
  }

  /** The step-by-step reference: {h_1..h_T batch-major, c_T, dZ}. */
  private static Tensor[] reference(Case c) {
    int b = c.batch(), t = c.time(), u = c.units();
    double[][] a = new double[t][];
    double[][] cs = new double[t + 1][];
    double[][] tcs = new double[t][];
    Tensor h = c.h0();
    cs[0] = c.c0().toArray();
    double[] out = new double[b * t * u];
    for (int s = 0; s < t; s++) {
      double[] z = c.p().slice(s * b, (s + 1) * b).add(h.matmul(c.w())).toArray();
      double[] cn = new double[b * u];
      double[] tc = new double[b * u];
      double[] hn = new double[b * u];
      for (int r = 0; r < b; r++) {
        for (int j = 0; j < u; j++) {
          int q = 4 * u * r + j;
          z[q] = LstmGates.sigmoid(z[q]);
          z[q + u] = LstmGates.sigmoid(z[q + u]);
          z[q + 2 * u] = LstmGates.tanh(z[q + 2 * u]);
          z[q + 3 * u] = LstmGates.sigmoid(z[q + 3 * u]);
          int k = u * r + j;
          cn[k] = z[q + u] * cs[s][k] + z[q] * z[q + 2 * u];
          tc[k] = LstmGates.tanh(cn[k]);
          hn[k] = z[q + 3 * u] * tc[k];
          out[(r * t + s) * u + j] = hn[k];
        }
      }
      a[s] = z;
      cs[s + 1] = cn;
      tcs[s] = tc;
      h = Tensor.of(hn, b, u);
    }
    Tensor dh = Tensor.zeros(b, u);
    Tensor dcT = Tensor.zeros(b, u);
    Tensor[] dzs = new Tensor[t];
    for (int s = t - 1; s >= 0; s--) {
      double[] g = c.gamma().toArray();
      double[] gs = new double[b * u];
      for (int r = 0; r < b; r++) {
        System.arraycopy(g, (r * t + s) * u, gs, r * u, u);
      }
      double[] dhv = dh.add(Tensor.of(gs, b, u)).toArray();
      double[] dcl = dcT.toArray();
      double[] dz = new double[b * 4 * u];
      double[] dc0 = new double[b * u];
      for (int r = 0; r < b; r++) {
        for (int j = 0; j < u; j++) {
          int q = 4 * u * r + j;
          int k = u * r + j;
          double i = a[s][q], f = a[s][q + u], gg = a[s][q + 2 * u], o = a[s][q + 3 * u];
          double dc = dcl[k] + dhv[k] * o * (1 - tcs[s][k] * tcs[s][k]);
          dz[q] = dc * gg * i * (1 - i);
          dz[q + u] = dc * cs[s][k] * f * (1 - f);
          dz[q + 2 * u] = dc * i * (1 - gg * gg);
          dz[q + 3 * u] = dhv[k] * tcs[s][k] * o * (1 - o);
          dc0[k] = dc * f;
        }
      }
      dzs[s] = Tensor.of(dz, b, 4 * u);
      dh = dzs[s].matmulTransposed(c.w());
      dcT = Tensor.of(dc0, b, u);
    }
    return new Tensor[] {Tensor.of(out, b, t, u), Tensor.of(cs[t], b, u), Tensor.concat(0, dzs)};
  }

  @Test
  void equalsTheStepByStepFormulasBitForBitOnAnyThreadCount() {
    int[][] shapes = {{1, 1, 1}, {3, 4, 5}, {32, 6, 128}, {9, 3, 33}};
    for (int[] s : shapes) {
      Case c = Case.random(s[0] * 31L + s[1], s[0], s[1], s[2]);
      Tensor[] ref = reference(c);
      for (int threads = 1; threads <= 3; threads++) {
        String what = java.util.Arrays.toString(s) + " threads " + threads;
        OnThreads.run(threads, () -> {
          LstmRecurrence.Pass pass = LstmRecurrence.forward(c.p(), c.w(), c.h0(), c.c0());
          assertEquals(ref[0], pass.output(), what);
          assertEquals(ref[1], pass.lastCell(), what);
          assertEquals(ref[0].slice(0, c.batch()).reshape(c.batch(), c.time(), c.units())
              .permute(1, 0, 2).slice(c.time() - 1, c.time()).reshape(c.batch(), c.units()), pass.lastHidden(), what);
          assertEquals(ref[2], pass.backward(c.gamma()), what);
          assertEquals(ref[2], pass.backward(c.gamma()), "backward is repeatable: " + what);
        });
      }
    }
  }

  @Test
  void previousHoldsTheStartStateThenEveryHiddenStateButTheLast() {
    Case c = Case.random(4, 2, 3, 4);
    LstmRecurrence.Pass pass = LstmRecurrence.forward(c.p(), c.w(), c.h0(), c.c0());
    Tensor prev = pass.previous();
    assertEquals(c.h0(), prev.slice(0, 2));
    Tensor timeMajor = pass.output().permute(1, 0, 2).reshape(6, 4);
    assertEquals(timeMajor.slice(0, 4), prev.slice(2, 6));
    assertEquals(timeMajor.slice(4, 6), pass.lastHidden());
  }

  @Test
  void backwardMatchesCentralDifferencesOfALinearFunctional() {
    // L = Σ γ ⊙ h over all steps; ∂L/∂p = dZ. Central differences with step 1e-6 on O(1) values
    // resolve the derivative to about 1e-8 absolute; we allow 1e-6 relative to max(1, |dZ|).
    Case c = Case.random(11, 2, 3, 3);
    Tensor dz = LstmRecurrence.forward(c.p(), c.w(), c.h0(), c.c0()).backward(c.gamma());
    double[] p = c.p().toArray();
    double eps = 1e-6;
    for (int i = 0; i < p.length; i++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[i] += eps;
      minus[i] -= eps;
      double lp = LstmRecurrence.forward(Tensor.of(plus, c.p().shape()), c.w(), c.h0(), c.c0()).output().dot(c.gamma());
      double lm = LstmRecurrence.forward(Tensor.of(minus, c.p().shape()), c.w(), c.h0(), c.c0()).output().dot(c.gamma());
      double numeric = (lp - lm) / (2 * eps);
      double analytic = dz.at(i);
      assertTrue(Math.abs(numeric - analytic) <= 1e-6 * Math.max(1, Math.abs(analytic)),
          "element " + i + ": numeric " + numeric + " vs analytic " + analytic);
    }
  }

  @Test
  void theInputSideComputedInsideEqualsTheAffineMapGivenOutside() {
    Key[] k = Key.of(8).split(4);
    int batch = 3, time = 4, features = 5, units = 6;
    Tensor xs = Tensor.of(k[0].uniform(time * batch * features, -1, 1), time * batch, features);
    Tensor wx = Tensor.of(k[1].uniform(features * 4 * units, -1, 1), features, 4 * units);
    Tensor b = Tensor.of(k[2].uniform(4 * units, -1, 1), 4 * units);
    Case c = Case.random(9, batch, time, units);
    LstmRecurrence.Pass inside = LstmRecurrence.forward(xs, wx, b, c.w(), c.h0(), c.c0());
    LstmRecurrence.Pass outside = LstmRecurrence.forward(xs.affine(wx, b), c.w(), c.h0(), c.c0());
    assertEquals(outside.output(), inside.output());
    assertEquals(outside.lastCell(), inside.lastCell());
    assertEquals(outside.backward(c.gamma()), inside.backward(c.gamma()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LstmRecurrence.forward(xs, wx.slice(0, 4), b, c.w(), c.h0(), c.c0()));
    assertTrue(e.getMessage().contains("(4, 24)"), e.getMessage());
  }

  @Test
  void badShapesAreNamed() {
    Case c = Case.random(1, 2, 3, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LstmRecurrence.forward(c.p().slice(0, 5), c.w(), c.h0(), c.c0()));
    assertTrue(e.getMessage().contains("(5, 16)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LstmRecurrence.forward(c.p(), c.w(), c.h0(), c.c0()).backward(Tensor.zeros(2, 3, 5)));
    assertTrue(e.getMessage().contains("(2, 3, 4)"), e.getMessage());
    assertArrayEquals(new int[] {4, 16}, c.w().dims());
    e = assertThrows(IllegalArgumentException.class,
        () -> LstmRecurrence.step(Tensor.zeros(2, 16), Tensor.zeros(2, 12), Tensor.zeros(2, 4)));
    assertTrue(e.getMessage().contains("(2, 12)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LstmRecurrence.step(Tensor.zeros(2, 16), Tensor.zeros(2, 16), Tensor.zeros(2, 4))
            .backward(Tensor.zeros(2, 4), Tensor.zeros(3, 4)));
    assertTrue(e.getMessage().contains("(3, 4)"), e.getMessage());
  }

  @Test
  void aStepIsOneStepOfThePass() {
    Case c = Case.random(5, 3, 1, 7);
    LstmRecurrence.Pass pass = LstmRecurrence.forward(c.p(), c.w(), c.h0(), c.c0());
    LstmRecurrence.Step step = LstmRecurrence.step(c.p(), c.h0().matmul(c.w()), c.c0());
    assertEquals(pass.lastHidden(), step.hidden());
    assertEquals(pass.lastCell(), step.cell());
    Tensor gamma = c.gamma().reshape(3, 7);
    LstmRecurrence.StepGradient d = step.backward(gamma, Tensor.zeros(3, 7));
    assertEquals(pass.backward(c.gamma()), d.gates());
  }
}
