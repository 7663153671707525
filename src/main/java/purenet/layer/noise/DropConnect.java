package purenet.layer.noise;

import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import purenet.layer.Backward;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;
import purenet.layer.Inline;

/**
 * DropConnect (Wan et al. 2013, "Regularization of Neural Networks using DropConnect"):
 * a dense layer followed by an activation f, whose <em>weights</em> are dropped instead of its
 * units: each connection is kept with probability p.
 *
 * <ul>
 *   <li>Training ({@link Mode.Train}): y = f(x·(M⊙W) + b) with M ~ Bernoulli(p) of W's shape, no
 *       rescaling. One mask per forward pass, shared by the batch: a mask per example would cost
 *       batch·in·out draws and products.
 *   <li>Stochastic inference ({@link Mode.Sample}), the paper's moment matching: each
 *       pre-activation is approximated by a Gaussian with mean μ = p·x·W + b and variance
 *       σ² = p(1 - p)·(x⊙x)·(W⊙W); S samples z_s = μ + σ⊙ε_s (ε_s ~ N(0, 1)) go through f and
 *       are averaged, y = (1/S)·Σ_s f(z_s). Its backward differentiates this estimate
 *       (reparameterised through ε_s); where σ = 0 (a zero input row or a zero weight column) the
 *       estimate has a kink and the variance term's gradient is taken as 0.
 *   <li>Evaluation ({@link Mode.Eval}, no key): the deterministic mean-field y = f(p·x·W + b).
 * </ul>
 *
 * <p>Shapes: input (batch, in), W (in, out), output (batch, out). Parameters are the dense
 * layer's ({@code weight}, {@code bias}); the bias is not dropped.
 *
 * @param dense           the weights and optional bias
 * @param keepProbability p ∈ (0, 1], the probability a connection is kept
 * @param activation      f: an elementwise layer without parameters (Relu, Tanh, Identity ...)
 * @param samples         S &ge; 1, the number of Gaussian samples averaged in stochastic inference
 */
public record DropConnect(@Inline Dense dense, double keepProbability, Layer activation, int samples)
    implements Layer {

  /** The default number of samples of stochastic inference. */
  public static final int DEFAULT_SAMPLES = 100;

  /**
   * Validates p, S and that the activation has no parameters.
   *
   * @param dense the weights and optional bias
   * @param keepProbability p ∈ (0, 1], the probability a connection is kept
   * @param activation f: an elementwise layer without parameters (Relu, Tanh, Identity ...)
   * @param samples S &ge; 1, the number of Gaussian samples averaged in stochastic inference
   */
  public DropConnect {
    Masks.requireKeep("DropConnect", keepProbability);
    if (samples < 1) {
      throw new IllegalArgumentException("DropConnect samples must be >= 1, got " + samples);
    }
    if (activation.params().leafCount() != 0) {
      throw new IllegalArgumentException("DropConnect activation must have no parameters, got "
          + activation.name() + " with " + activation.params().describe());
    }
  }

  /**
   * {@return DropConnect keeping each connection with probability p, {@value #DEFAULT_SAMPLES}
   * samples}
   *
   * @param p the probability of keeping a connection
   * @param dense the weights and optional bias
   * @param activation f: an elementwise layer without parameters (Relu, Tanh, Identity ...)
   */
  public static DropConnect keep(double p, Dense dense, Layer activation) {
    return new DropConnect(dense, p, activation, DEFAULT_SAMPLES);
  }

  /**
   * {@return DropConnect dropping each connection with probability q ∈ [0, 1)}
   *
   * @param q the probability of dropping a connection, in [0, 1)
   * @param dense the weights and optional bias
   * @param activation f: an elementwise layer without parameters (Relu, Tanh, Identity ...)
   */
  public static DropConnect drop(double q, Dense dense, Layer activation) {
    return new DropConnect(dense, Masks.keepOfDrop("DropConnect", q), activation, DEFAULT_SAMPLES);
  }

  /**
   * {@return the same layer averaging S samples in stochastic inference}
   *
   * @param s the number of Gaussian samples averaged in stochastic inference, ≥ 1
   */
  public DropConnect withSamples(int s) {
    return new DropConnect(dense, keepProbability, activation, s);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    ShapeCheck c = dense.check(x.shape());
    if (!c.fits()) {
      throw new IllegalArgumentException("DropConnect: " + c.problems().mkString("; "));
    }
    if (mode instanceof Mode.Train t) {
      return train(x, t.key());
    }
    if (mode instanceof Mode.Sample s) {
      return sample(x, s.key());
    }
    return meanField(x);
  }

  private Forward train(Tensor x, Key key) {
    Tensor w = dense.weight();
    Tensor mask = Masks.bernoulli(key, w.shape(), keepProbability);
    Tensor masked = w.mul(mask);
    Forward f = activate(withBias(x.matmul(masked)));
    return new Forward(f.output(), g -> {
      Tensor gz = f.backward().apply(g).input();
      return new Grads(gz.matmulTransposed(masked), grads(x.transposedMatmul(gz).mul(mask), gz));
    }, this);
  }

  private Forward meanField(Tensor x) {
    double p = keepProbability;
    Tensor w = dense.weight();
    Forward f = activate(withBias(x.matmul(w).mul(p)));
    return new Forward(f.output(), g -> {
      Tensor gz = f.backward().apply(g).input();
      return new Grads(gz.matmulTransposed(w).mul(p), grads(x.transposedMatmul(gz).mul(p), gz));
    }, this);
  }

  private Forward sample(Tensor x, Key key) {
    double p = keepProbability;
    double q = p * (1 - p);
    Tensor w = dense.weight();
    Tensor w2 = w.square();
    Tensor x2 = x.square();
    Tensor mean = withBias(x.matmul(w).mul(p));
    Tensor sigma = x2.matmul(w2).mul(q).sqrt();
    Tensor[] eps = new Tensor[samples];
    Backward[] backs = new Backward[samples];
    Tensor sum = Tensor.zeros(mean.shape());
    for (int s = 0; s < samples; s++) {
      double[] z = key.foldIn(s).normal(mean.size());
      eps[s] = Tensor.of(z, mean.shape());
      Forward f = activate(mean.add(sigma.mul(eps[s])));
      backs[s] = f.backward();
      sum = sum.add(f.output());
    }
    Tensor out = sum.mul(1.0 / samples);
    return new Forward(out, g -> {
      Tensor gMean = Tensor.zeros(mean.shape());
      Tensor gSigma = Tensor.zeros(mean.shape());
      for (int s = 0; s < samples; s++) {
        Tensor gz = backs[s].apply(g).input();
        gMean = gMean.add(gz);
        gSigma = gSigma.add(gz.mul(eps[s]));
      }
      gMean = gMean.mul(1.0 / samples);
      // σ = √v: ∂σ/∂v = 1/(2σ); where σ = 0 the variance has no direction to move, so 0.
      Tensor gVar = gSigma.zipWith(sigma, (gs, sd) -> sd > 0 ? gs / (2 * sd * samples) : 0.0);
      Tensor dx = gMean.matmulTransposed(w).mul(p).add(x.mul(gVar.matmulTransposed(w2)).mul(2 * q));
      Tensor dw = x.transposedMatmul(gMean).mul(p).add(w.mul(x2.transposedMatmul(gVar)).mul(2 * q));
      return new Grads(dx, grads(dw, gMean));
    }, this);
  }

  private Tensor withBias(Tensor z) {
    Option<Tensor> b = dense.bias();
    return b.isDefined() ? z.add(b.get()) : z;
  }

  private Forward activate(Tensor z) {
    return activation.forward(z, Mode.eval());
  }

  private Tree grads(Tensor dw, Tensor gz) {
    Tree.Node t = Tree.empty().with("weight", dw);
    return dense.bias().isDefined() ? t.with("bias", gz.sum(0)) : t;
  }

  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = dense.check(input);
    ShapeCheck a = activation.check(c.output());
    return new ShapeCheck(a.output(), c.problems(), LinkedHashMap.of("dense", c, "activation", a));
  }
}
