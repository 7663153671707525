package purenet.optim;

import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Each optimizer's first ten steps on a random tree with random gradients equal a hand-written
 * textbook reference: plain loops over the elements, written from the formulas of Chang Xu's Sydney
 * lecture "Regularizations for Deep Models" (2020) and the papers, not from the transforms.
 *
 * <p>Tolerance: |θ - θ_ref| ≤ 1e-12·max(1, |θ_ref|) per element, i.e. relative 1e-12 for the O(1)
 * parameters the generator draws (and absolute 1e-12 when a coordinate passes near 0, where a
 * relative bound would demand more than the rounding of an O(1) update can give).
 */
class OptimizerReferenceLaws {

  private static final int STEPS = 10;

  /** One textbook step on the flat parameter vector θ, in place. */
  interface Reference {
    void step(double[] theta, double[] g);
  }

  @Provide
  Arbitrary<Tree> trees() {
    return RandomTrees.trees();
  }

  /** Learning rates, log-uniform in [1e-3, 1]. */
  @Provide
  Arbitrary<Double> rates() {
    return logUniform(-3, 0);
  }

  /** Decay coefficients γ, ρ, β₁ in [0, 0.99], and λ. */
  @Provide
  Arbitrary<Double> decays() {
    return Arbitraries.doubles().between(0, 0.99).ofScale(6);
  }

  /** β₂ in [0.5, 0.9999]. */
  @Provide
  Arbitrary<Double> secondMoments() {
    return Arbitraries.doubles().between(0.5, 0.9999).ofScale(6);
  }

  /** ε, log-uniform in [1e-10, 1e-4]. */
  @Provide
  Arbitrary<Double> epsilons() {
    return logUniform(-10, -4);
  }

  private static Arbitrary<Double> logUniform(double lowExponent, double highExponent) {
    return Arbitraries.doubles().between(lowExponent, highExponent).ofScale(6).map(e -> Math.pow(10, e));
  }

  @Property(tries = 200)
  void sgd(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr) {
    agrees(Optimizers.sgd(lr), params, seed, (theta, g) -> {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= lr * g[i];
      }
    });
  }

  @Property(tries = 200)
  void momentum(@ForAll("trees") Tree params, @ForAll long seed,
      @ForAll("rates") double lr, @ForAll("decays") double gamma) {
    int n = RandomTrees.flat(params).length;
    double[] v = new double[n];
    // Seed 002: v = γv + η∇J(θ), θ = θ - v.
    agrees(Optimizers.momentum(lr, gamma), params, seed, (theta, g) -> {
      for (int i = 0; i < n; i++) {
        v[i] = gamma * v[i] + lr * g[i];
        theta[i] -= v[i];
      }
    });
  }

  @Property(tries = 200)
  void nesterov(@ForAll("trees") Tree params, @ForAll long seed,
      @ForAll("rates") double lr, @ForAll("decays") double gamma) {
    int n = RandomTrees.flat(params).length;
    double[] b = new double[n];
    // Sutskever et al. (2013) in PyTorch's form: b = γb + g, θ = θ - η(g + γb).
    agrees(Optimizers.nesterov(lr, gamma), params, seed, (theta, g) -> {
      for (int i = 0; i < n; i++) {
        b[i] = gamma * b[i] + g[i];
        theta[i] -= lr * (g[i] + gamma * b[i]);
      }
    });
  }

  /**
   * On J(θ) = ½·Σ aᵢθᵢ², the parameters Nesterov's transform holds are the seed's look-ahead point:
   * φ_t = θ_t - γ·v_t, where v_t = γ·v_{t-1} + η·∇J(θ_{t-1} - γ·v_{t-1}) and θ_t = θ_{t-1} - v_t.
   */
  @Property(tries = 200)
  void nesterovIsTheSeedsLookAhead(@ForAll("trees") Tree start, @ForAll long seed,
      @ForAll("rates") double lr, @ForAll("decays") double gamma) {
    Tree curvature = RandomTrees.like(start, Key.of(seed)).map(t -> t.abs().add(0.1));
    double[] a = RandomTrees.flat(curvature);
    double[] theta = RandomTrees.flat(start);
    double[] v = new double[theta.length];
    GradientTransform nag = Optimizers.nesterov(lr, gamma);
    Tree phi = start;
    Tree state = nag.init(phi);
    for (int t = 0; t < STEPS; t++) {
      Step s = nag.update(phi.zipWith(curvature, Tensor::mul), state, phi);
      phi = GradientTransform.applyUpdates(phi, s.updates());
      state = s.state();
      double[] lookAhead = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        v[i] = gamma * v[i] + lr * a[i] * (theta[i] - gamma * v[i]);
        theta[i] -= v[i];
        lookAhead[i] = theta[i] - gamma * v[i];
      }
      compare("nesterov look-ahead", t, RandomTrees.flat(phi), lookAhead);
    }
  }

  @Property(tries = 200)
  void adagrad(@ForAll("trees") Tree params, @ForAll long seed,
      @ForAll("rates") double lr, @ForAll("epsilons") double eps) {
    int n = RandomTrees.flat(params).length;
    double[] sum = new double[n];
    // Seed 002: θ = θ - η/√(G + ε)·g, G the sum of squared gradients.
    agrees(Optimizers.adagrad(lr, eps), params, seed, (theta, g) -> {
      for (int i = 0; i < n; i++) {
        sum[i] += g[i] * g[i];
        theta[i] -= lr / Math.sqrt(sum[i] + eps) * g[i];
      }
    });
  }

  @Property(tries = 200)
  void adadelta(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("decays") double rho, @ForAll("epsilons") double eps) {
    int n = RandomTrees.flat(params).length;
    double[] eg = new double[n];
    double[] edx = new double[n];
    // Zeiler (2012), Algorithm 1, with PyTorch's optional multiplier η outside the accumulators.
    agrees(Optimizers.adadelta(lr, rho, eps), params, seed, (theta, g) -> {
      for (int i = 0; i < n; i++) {
        eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i];
        double dx = -Math.sqrt(edx[i] + eps) / Math.sqrt(eg[i] + eps) * g[i];
        edx[i] = rho * edx[i] + (1 - rho) * dx * dx;
        theta[i] += lr * dx;
      }
    });
  }

  @Property(tries = 200)
  void rmsprop(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("decays") double gamma, @ForAll("epsilons") double eps) {
    int n = RandomTrees.flat(params).length;
    double[] eg = new double[n];
    // Seed 002: E[g²] = γE[g²] + (1-γ)g², θ = θ - η/√(E[g²] + ε)·g.
    agrees(Optimizers.rmsprop(lr, gamma, eps), params, seed, (theta, g) -> {
      for (int i = 0; i < n; i++) {
        eg[i] = gamma * eg[i] + (1 - gamma) * g[i] * g[i];
        theta[i] -= lr / Math.sqrt(eg[i] + eps) * g[i];
      }
    });
  }

  @Property(tries = 200)
  void adam(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("decays") double b1, @ForAll("secondMoments") double b2,
      @ForAll("epsilons") double eps) {
    agrees(Optimizers.adam(lr, b1, b2, eps), params, seed, adamReference(params, lr, b1, b2, eps, 0.0));
  }

  @Property(tries = 200)
  void adamw(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("decays") double b1, @ForAll("secondMoments") double b2,
      @ForAll("epsilons") double eps, @ForAll("decays") double lambda) {
    agrees(Optimizers.adamw(lr, b1, b2, eps, lambda), params, seed, adamReference(params, lr, b1, b2, eps, lambda));
  }

  /** Kingma and Ba (2015), Algorithm 1; with λ &gt; 0, PyTorch's AdamW: θ = θ - ηλθ first. */
  private static Reference adamReference(Tree params, double lr, double b1, double b2, double eps, double lambda) {
    int n = RandomTrees.flat(params).length;
    double[] m = new double[n];
    double[] v = new double[n];
    int[] t = {0};
    return (theta, g) -> {
      t[0]++;
      for (int i = 0; i < n; i++) {
        theta[i] -= lr * lambda * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(b1, t[0]));
        double vHat = v[i] / (1 - Math.pow(b2, t[0]));
        theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
    };
  }

  @Property(tries = 200)
  void amsgrad(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("decays") double b1, @ForAll("secondMoments") double b2,
      @ForAll("epsilons") double eps) {
    int n = RandomTrees.flat(params).length;
    double[] m = new double[n];
    double[] v = new double[n];
    double[] vMax = new double[n];
    int[] t = {0};
    // PyTorch's Adam(amsgrad=True): denominator √(max v)/√(1-β₂ᵗ) + ε, step η/(1-β₁ᵗ).
    agrees(Optimizers.amsgrad(lr, b1, b2, eps), params, seed, (theta, g) -> {
      t[0]++;
      double c1 = 1 - Math.pow(b1, t[0]);
      double c2 = 1 - Math.pow(b2, t[0]);
      for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        vMax[i] = Math.max(vMax[i], v[i]);
        theta[i] -= lr / c1 * m[i] / (Math.sqrt(vMax[i]) / Math.sqrt(c2) + eps);
      }
    });
  }

  @Property(tries = 200)
  void scheduledSgd(@ForAll("trees") Tree params, @ForAll long seed, @ForAll("rates") double lr,
      @ForAll("rates") double factor) {
    Schedule schedule = Schedule.stepDecay(lr, factor, 3).withWarmup(2);
    int[] t = {0};
    agrees(Optimizers.sgd(schedule), params, seed, (theta, g) -> {
      double rate = t[0] < 2 ? lr * t[0] / 2 : lr * Math.pow(factor, (t[0] - 2) / 3);
      t[0]++;
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= rate * g[i];
      }
    });
  }

  /** Runs both for {@link #STEPS} steps on the same gradients (10% exact zeros) and compares. */
  private static void agrees(GradientTransform optimizer, Tree params, long seed, Reference reference) {
    Tree p = params;
    Tree state = optimizer.init(p);
    double[] theta = RandomTrees.flat(p);
    Key key = Key.of(seed);
    for (int t = 0; t < STEPS; t++) {
      Tree grads = RandomTrees.like(p, key.foldIn(t), 0.1);
      Step s = optimizer.update(grads, state, p);
      p = GradientTransform.applyUpdates(p, s.updates());
      state = s.state();
      reference.step(theta, RandomTrees.flat(grads));
      compare(optimizer.toString(), t, RandomTrees.flat(p), theta);
    }
  }

  private static void compare(String what, int step, double[] got, double[] expected) {
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - expected[i]) <= 1e-12 * Math.max(1, Math.abs(expected[i])))) {
        fail(what + ": step " + (step + 1) + ", element " + i + ": got " + got[i] + ", reference " + expected[i]);
      }
    }
  }
}
