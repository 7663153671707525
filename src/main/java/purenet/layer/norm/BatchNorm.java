package purenet.layer.norm;

import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;
import purenet.layer.State;

/**
 * Batch normalization (Ioffe and Szegedy 2015): y = γ·(x − μ)/√(σ² + ε) + β.
 *
 * <p>Training ({@link Mode.Train}): μ = μ_B and σ² = σ²_B are the mean and the biased variance of
 * the batch, per feature for (batch, F) inputs and per channel over batch and space for
 * (batch, C, H, W) (any rank ≥ 2: the axes after the channel axis count as space). The pass also
 * updates the {@link RunningStats}: {@link Forward#next()} is this layer with
 * μ̃ ← α·μ̃ + (1 − α)·μ_B, σ̃² ← α·σ̃² + (1 − α)·s², where s² = σ²_B, or the unbiased
 * m/(m − 1)·σ²_B with m values per channel when {@link #unbiased}, and the first training batch
 * sets μ̃, σ̃² directly. Evaluation and stochastic inference use μ̃, σ̃² and leave the layer
 * unchanged ({@code next} is this layer).
 *
 * <p>Backward in training (Breininger et al., FAU Deep Learning exercise "Regularization", 2024), with ĝ
 * = γ·∂L/∂y and means ⟨·⟩ over a channel's m values: ∂L/∂x = (ĝ − ⟨ĝ⟩ − x̂·⟨ĝ·x̂⟩)/√(σ²_B + ε), ∂L/∂γ =
 * Σ ∂L/∂y·x̂, ∂L/∂β = Σ ∂L/∂y. In evaluation ∂L/∂x = γ/√(σ̃² + ε)·∂L/∂y.
 *
 * <p>Parameters {@code gamma}, {@code beta} (C); state {@code mean}, {@code variance} (C) and
 * {@code count} (see {@link RunningStats}). {@link #fold()} gives the inference form as an
 * {@link Affine} map, {@link #foldInto(Dense)} merges it into a preceding Dense layer.
 *
 * @param gamma    the scale γ, (C)
 * @param beta     the shift β, (C)
 * @param running  the running statistics
 * @param epsilon  ε &gt; 0 added to the variance
 * @param decay    the moving-average decay α in [0, 1) (0.9 keeps 90% of the old average per batch)
 * @param unbiased whether the running variance takes the unbiased m/(m − 1)·σ²_B
 */
public record BatchNorm(Tensor gamma, Tensor beta, @State RunningStats running, double epsilon, double decay,
    boolean unbiased) implements Layer {

  /** The default ε, 1e-5. */
  public static final double DEFAULT_EPSILON = 1e-5;
  /** The default decay α, 0.9 (PyTorch's momentum 0.1). */
  public static final double DEFAULT_DECAY = 0.9;

  /**
   * Validates shapes and hyperparameters.
   *
   * @param gamma the scale γ, (C)
   * @param beta the shift β, (C)
   * @param running the running statistics
   * @param epsilon ε &gt; 0 added to the variance
   * @param decay the moving-average decay α in [0, 1) (0.9 keeps 90% of the old average per batch)
   * @param unbiased whether the running variance takes the unbiased m/(m − 1)·σ²_B
   */
  public BatchNorm {
    ChannelInput.requireScaleShift("BatchNorm", "gamma", gamma, "beta", beta);
    if (running.channels() != gamma.dim(0)) {
      throw new IllegalArgumentException("BatchNorm over " + gamma.dim(0)
          + " channels needs running statistics for " + gamma.dim(0) + ", got " + running.channels());
    }
    ChannelInput.requireEpsilon("BatchNorm", epsilon);
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("BatchNorm decay must be in [0, 1), got " + decay);
    }
  }

  /**
   * {@return a batch norm over {@code channels} features or channels: γ = 1, β = 0, uninitialised
   * running statistics, ε = 1e-5, α = 0.9, biased running variance}
   *
   * @param channels the number of features (B, F) or channels (B, C, H, W), ≥ 1
   */
  public static BatchNorm of(int channels) {
    return new BatchNorm(Tensor.ones(channels), Tensor.zeros(channels), RunningStats.initial(channels),
        DEFAULT_EPSILON, DEFAULT_DECAY, false);
  }

  /**
   * {@return the same layer with ε = {@code epsilon}}
   *
   * @param epsilon ε &gt; 0 added to the variance
   */
  public BatchNorm withEpsilon(double epsilon) {
    return new BatchNorm(gamma, beta, running, epsilon, decay, unbiased);
  }

  /**
   * {@return the same layer with decay α = {@code decay}}
   *
   * @param decay the moving-average decay α in [0, 1) (0.9 keeps 90% of the old average per batch)
   */
  public BatchNorm withDecay(double decay) {
    return new BatchNorm(gamma, beta, running, epsilon, decay, unbiased);
  }

  /**
   * {@return the same layer with the unbiased m/(m − 1) running variance on or off}
   *
   * @param unbiased whether the running variance takes the unbiased m/(m − 1)·σ²_B
   */
  public BatchNorm withUnbiased(boolean unbiased) {
    return new BatchNorm(gamma, beta, running, epsilon, decay, unbiased);
  }

  /**
   * {@return the same layer with other running statistics}
   *
   * @param running the running statistics
   */
  public BatchNorm withRunning(RunningStats running) {
    return new BatchNorm(gamma, beta, running, epsilon, decay, unbiased);
  }

  /** {@return number of channels C} */
  public int channels() {
    return gamma.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Shape in = input.shape();
    ChannelInput.require(name(), channels(), 2, in);
    Grouping g = Grouping.perChannel(in.dim(0), channels(), ChannelInput.inner(in));
    if (!mode.isTraining()) {
      Standardized s = Standardize.withFixedStatistics(input.toArray(), g, running.mean().toArray(),
          running.variance().toArray(), epsilon, gamma.toArray(), beta.toArray());
      return Passes.forward(this, in, s, gamma, this);
    }
    Standardized s = Standardize.withOwnStatistics(
        input.toArray(), g, true, epsilon, gamma.toArray(), beta.toArray());
    int m = s.count().length == 0 ? 0 : s.count()[0];
    if (m == 0) {
      // An empty batch carries no statistics: nothing to average in.
      return Passes.forward(this, in, s, gamma, this);
    }
    double[] variance = s.variance().clone();
    if (unbiased) {
      requireTwoValues(m, in);
      for (int c = 0; c < variance.length; c++) {
        variance[c] *= m / (m - 1.0);
      }
    }
    BatchNorm next = withRunning(running.update(Tensor.vector(s.mean()), Tensor.vector(variance), decay));
    return Passes.forward(this, in, s, gamma, next);
  }

  void requireTwoValues(int m, Shape in) {
    if (m < 2) {
      throw new IllegalArgumentException(name() + " with unbiased variance needs at least 2 values per "
          + "channel in training, got " + m + " for input " + in);
    }
  }

  /**
   * {@return the inference form: the {@link Affine} map x ↦ s·x + t with s = γ/√(σ̃² + ε) and t = β
   * − s·μ̃ (Chang Xu, Sydney lecture "Regularizations for Deep Models", 2020, Alg} 2 line 11), equal to
   * this layer in evaluation mode.
   */
  public Affine fold() {
    Tensor scale = gamma.div(running.variance().add(epsilon).sqrt());
    return new Affine(scale, beta.sub(scale.mul(running.mean())));
  }

  /**
   * {@return the Dense layer equal to {@code preceding} followed by this batch norm in evaluation
   * mode: W' = W·diag(s), b' = s ⊙ (b − μ̃) + β with s = γ/√(σ̃² + ε)}
   *
   * @param preceding the dense layer whose output this batch norm takes
   */
  public Dense foldInto(Dense preceding) {
    return fold().foldInto(preceding);
  }

  // Hand-written: the running count is a long stored as a scalar leaf at the state's root
  // ({mean, variance, count}), which no tensor component would derive.
  @Override
  public Tree state() {
    return running.tree();
  }

  // Hand-written with state(): see there.
  @Override
  public Layer withState(Tree state) {
    state().requireSameStructure(state, "BatchNorm.withState");
    return withRunning(RunningStats.of(state));
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 2, input);
  }
}
