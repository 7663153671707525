package purenet.train;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import purenet.data.Dataset;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.loss.Loss;
import purenet.loss.ValueAndGrad;
import purenet.net.Frozen;
import purenet.optim.Applied;
import purenet.optim.GradientTransform;
import purenet.random.Key;
import purenet.regularize.Penalties;
import purenet.regularize.TreeConstraint;
import purenet.regularize.TreePenalty;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * One step of training as a pure function {@code (TrainState, batch) → (TrainState, Metrics)}.
 *
 * <p>For parameters θ, a batch (x, y) and step number t:
 * <ol>
 *   <li>forward: ŷ = f_θ(x) in {@code Mode.train(key.foldIn(t))};</li>
 *   <li>data loss L_data = loss(ŷ, y) and ∂L_data/∂ŷ; backward gives g = ∂L_data/∂θ (plus the
 *       gradient of any penalty the forward pass added itself, which is already in its backward);</li>
 *   <li>penalty R(θ) with ∂R/∂θ from {@link #penalties()}, coupled: g ← g + ∂R/∂θ — the one way to
 *       a coupled penalty (decoupled weight decay is {@code AddDecayedWeights} in the optimizer
 *       chain instead, e.g. {@code Optimizers.adamw});</li>
 *   <li>if L = L_data + R(θ) + forward penalty is NaN or ±∞: throw {@link TrainingDiverged};
 *       so also, with the {@link ValueChecks} on (the default), if an element of x (checked
 *       before the forward pass), of g (reported as such even if the optimizer fails on it) or
 *       of θ' and the new layer state (running statistics; after the constraints) is, naming the
 *       first such element;</li>
 *   <li>(u, s') = optimizer.update(g, s, θ); θ' = θ + u;</li>
 *   <li>constraints, in order: θ' ← c_k(…c_1(θ')) — projections after the update such as max-norm
 *       (see {@link #constraints()}), the one way to constrain parameters; then the frozen leaves —
 *       those the optimizer freezes ({@link GradientTransform#frozen()}, e.g.
 *       {@code Optimizers.freeze}) and those of every {@link Frozen} layer in the model — get back
 *       their values θ exactly, so no penalty, decay or constraint moves a frozen leaf;</li>
 *   <li>the new model is {@code forward.next().withParams(θ')}: the pass's updated non-trainable
 *       state (batch-norm running averages) is kept; the step counter becomes t + 1.</li>
 * </ol>
 * Metrics are measured before the update. Nothing is printed or mutated.
 *
 * @param loss        the data loss of the model's output against the batch's targets
 * @param optimizer   the gradient transform; its updates are added to the parameters
 * @param penalties   the parameter penalties, coupled into the gradient ({@code Penalties.none()} for none)
 * @param constraints projections applied to the parameters after every update, in order, e.g.
 *                    {@code MaxNorm.of(3).onWeights()}; each maps a tree to one of the same structure
 * @param accuracy    the accuracy reported in the metrics, none for regression
 */
public record TrainStep(
    Loss loss,
    GradientTransform optimizer,
    Penalties penalties,
    Vector<TreeConstraint> constraints,
    Option<Accuracy> accuracy) implements Serializable {

  /**
   * Rejects missing parts.
   *
   * @param loss the data loss of the model's output against the batch's targets
   * @param optimizer the gradient transform; its updates are added to the parameters
   * @param penalties the parameter penalties, coupled into the gradient ({@code Penalties.none()} for none)
   * @param constraints projections applied to the parameters after every update, in order, e.g. {@code MaxNorm.of(3).onWeights()}; each maps a tree to one of the same structure
   * @param accuracy the accuracy reported in the metrics, none for regression
   */
  public TrainStep {
    if (loss == null || optimizer == null || penalties == null || constraints == null || accuracy == null) {
      throw new IllegalArgumentException("TrainStep needs a loss, an optimizer, penalties, constraints and an"
          + " accuracy option (use Penalties.none(), Vector.empty(), Option.none()), got " + loss + ", "
          + optimizer + ", " + penalties + ", " + constraints + ", " + accuracy);
    }
  }

  /**
   * A step with penalties, no constraints and the accuracy that fits the loss
   * ({@link Accuracy#forLoss}).
   *
   * @param loss the data loss of the model's output against the batch's targets
   * @param optimizer the gradient transform; its updates are added to the parameters
   * @param penalties the parameter penalties, coupled into the gradient ({@code Penalties.none()} for none)
   */
  public TrainStep(Loss loss, GradientTransform optimizer, Penalties penalties) {
    this(loss, optimizer, penalties, Vector.empty(), Accuracy.forLoss(loss));
  }

  /**
   * {@return a step without penalties or constraints, with the accuracy that fits the loss}
   *
   * @param loss the data loss of the model's output against the batch's targets
   * @param optimizer the gradient transform; its updates are added to the parameters
   */
  public static TrainStep of(Loss loss, GradientTransform optimizer) {
    return new TrainStep(loss, optimizer, Penalties.none());
  }

  /**
   * {@return the same step with these penalties instead}
   *
   * @param penalties the parameter penalties, coupled into the gradient ({@code Penalties.none()} for none)
   */
  public TrainStep withPenalties(Penalties penalties) {
    return new TrainStep(loss, optimizer, penalties, constraints, accuracy);
  }

  /**
   * {@return the same step with {@code more} constraints applied after the existing ones}
   *
   * @param more projections applied to the parameters after each update, in order
   */
  public TrainStep withConstraints(TreeConstraint... more) {
    return new TrainStep(loss, optimizer, penalties, constraints.appendAll(Vector.of(more)), accuracy);
  }

  /**
   * {@return the same step reporting this accuracy}
   *
   * @param accuracy the accuracy reported in the metrics, none for regression
   */
  public TrainStep withAccuracy(Accuracy accuracy) {
    return new TrainStep(loss, optimizer, penalties, constraints, Option.of(accuracy));
  }

  /** {@return the same step reporting no accuracy} */
  public TrainStep withoutAccuracy() {
    return new TrainStep(loss, optimizer, penalties, constraints, Option.none());
  }

  /**
   * {@return the state before the first step of this optimizer: step 0, fresh optimizer state}
   *
   * @param model the model with its initial parameters
   * @param key the key of the run, from which every step draws its randomness
   */
  public TrainState init(Layer model, Key key) {
    return TrainState.init(model, optimizer, key);
  }

  /**
   * {@return one step on a batch of examples, with every {@link ValueChecks value check}}
   *
   * @param state the state before the step
   * @param batch the examples of this step
   */
  public StepResult apply(TrainState state, Dataset batch) {
    return apply(state, batch.features(), batch.labels(), ValueChecks.all());
  }

  /**
   * {@return one step on a batch given as tensors, with every {@link ValueChecks value check}}
   *
   * @param features the inputs (batch, ...)
   * @param targets  the targets, in the form the loss expects
   * @param state the state before the step
   * @throws TrainingDiverged if the objective, a feature, a gradient or an updated parameter is not finite
   */
  public StepResult apply(TrainState state, Tensor features, Tensor targets) {
    return apply(state, features, targets, ValueChecks.all());
  }

  /**
   * One step on a batch given as tensors, checking the values {@code checks} selects besides the
   * objective: the features before the forward pass, the gradient tree before the optimizer, the
   * parameters after the update and constraints.
   *
   * @param state    the state before the step
   * @param features the inputs (batch, ...)
   * @param targets  the targets, in the form the loss expects
   * @param checks   which values to check for NaN and ±∞
   * @return the state after the step and what it measured
   * @throws TrainingDiverged if the objective or a checked value is not finite, naming the step and
   *                          the first non-finite element (feature index, or parameter path and
   *                          index); for a checked value it carries {@code state} as the last good state
   */
  public StepResult apply(TrainState state, Tensor features, Tensor targets, ValueChecks checks) {
    if (checks.features()) {
      NonFinite.in(features).forEach(bad -> {
        throw failure(TrainingDiverged.Problem.FEATURES_NOT_FINITE, state, Double.NaN, Double.NaN, Double.NaN,
            bad.describe("the batch's features"));
      });
    }
    return applyGradient(state, gradient(state.model(), features, targets, state.stepKey()), checks);
  }

  /**
   * The gradient half of {@link #apply}, for data-parallel training: forward in
   * {@code Mode.train(key)}, the data loss, backward to the parameters (steps 1–2 of the class
   * comment); no penalties, no update. {@code applyGradient(state, gradient(state.model(), x, y,
   * state.stepKey()))} equals {@code apply(state, x, y)}; the features are not checked here (a
   * non-finite one makes the objective non-finite, which {@link #applyGradient} reports).
   *
   * @param model    the model, with the parameters the gradient is taken at
   * @param features the inputs (batch, ...)
   * @param targets  the targets, in the form the loss expects
   * @param key      the key of the training mode (a stochastic layer's randomness)
   * @return the gradients, losses and state of this pass
   */
  public BatchGradient gradient(Layer model, Tensor features, Tensor targets, Key key) {
    Forward forward = model.forward(features, Mode.train(key));
    ValueAndGrad<Tensor> data = loss.apply(forward.output(), targets);
    return new BatchGradient(forward.backward().paramsOnly(data.grad()), data.value(), forward.penalty(),
        accuracy.map(a -> a.apply(forward.output(), targets)), features.dim(0), forward.next().state());
  }

  /**
   * The update half of {@link #apply} (steps 3–7 of the class comment): adds the coupled
   * penalties at the state's parameters, checks that the objective is finite, runs the optimizer
   * and the constraints. The model takes the gradient's state ({@code withState}) and the new
   * parameters.
   *
   * @param state    the state the gradient was taken at
   * @param gradient the gradient of the step's batch, e.g. combined from several shares of it
   * @return the state after the step and the metrics of the batch
   * @throws TrainingDiverged if the objective, a gradient or an updated parameter is not finite
   */
  public StepResult applyGradient(TrainState state, BatchGradient gradient) {
    return applyGradient(state, gradient, ValueChecks.all());
  }

  /**
   * {@link #applyGradient(TrainState, BatchGradient)} checking only the values {@code checks}
   * selects (the features were the gradient's to check).
   *
   * @param state    the state the gradient was taken at
   * @param gradient the gradient of the step's batch
   * @param checks   which values to check for NaN and ±∞
   * @return the state after the step and the metrics of the batch
   * @throws TrainingDiverged if the objective or a checked value is not finite
   */
  public StepResult applyGradient(TrainState state, BatchGradient gradient, ValueChecks checks) {
    Tree params = state.model().params();
    params.requireSameStructure(gradient.grads(), "the gradient applied at step " + state.step());
    Option<TreePenalty> penalty = penalties.isNone() ? Option.none() : Option.of(penalties.apply(params));
    double regularization = penalty.map(TreePenalty::value).getOrElse(0.0) + gradient.forwardPenalty();
    double total = gradient.dataLoss() + regularization;
    if (!Double.isFinite(total)) {
      throw new TrainingDiverged(state.step(), total, gradient.dataLoss(), regularization, Option.none());
    }
    Tree grads = penalty.map(p -> gradient.grads().add(p.gradient())).getOrElse(gradient.grads());
    // The optimizer runs before the gradients are checked: plain SGD then learns from its own pass
    // that they are finite (Tensor.addScaled), so a dense layer's weight gradient is never written
    // out or read again. A bad gradient is reported as such whether or not the optimizer failed on it.
    Applied update;
    try {
      update = optimizer.applyTo(grads, state.optimizerState(), params);
    } catch (RuntimeException e) {
      if (checks.gradients()) {
        requireFiniteGradients(grads, state, total, gradient.dataLoss(), regularization);
      }
      throw e;
    }
    if (checks.gradients()) {
      requireFiniteGradients(grads, state, total, gradient.dataLoss(), regularization);
    }
    Tree next = update.params();
    for (int i = 0; i < constraints.size(); i++) {
      next = params.requireSameStructure(constraints.get(i).apply(next), "constraint " + i + " of the step");
    }
    Selector frozen = optimizer.frozen().or(frozenLayers(state.model(), ""));
    if (params.paths().exists(frozen)) {
      Tree before = params;
      next = next.mapWithPath((path, n) -> frozen.test(path) ? before.tensor(path) : n);
    }
    if (checks.parameters()) {
      NonFinite.in(next).orElse(() -> NonFinite.in(gradient.state()).map(NonFinite::inState)).forEach(bad -> {
        throw failure(TrainingDiverged.Problem.PARAMETERS_NOT_FINITE, state, total, gradient.dataLoss(),
            regularization, bad.describe(""));
      });
    }
    Metrics metrics = new Metrics(gradient.dataLoss(), regularization, total, gradient.accuracy(), gradient.examples());
    Layer model = state.model().withState(gradient.state()).withParams(next);
    return new StepResult(new TrainState(model, update.state(), state.step() + 1, state.key()), metrics);
  }

  /**
   * The parameters of every {@link Frozen} layer in the model, found through {@link Layer#children()}
   * (whose names are the paths of the children's parameters): {@code under(prefix)} for each.
   */
  private static Selector frozenLayers(Layer layer, String prefix) {
    if (layer instanceof Frozen) {
      return Selector.under(prefix);
    }
    Selector none = Selector.all().negate();
    io.vavr.collection.LinkedHashMap<String, Layer> children;
    try {
      children = layer.children();
    } catch (IllegalStateException e) {
      // A user's record whose components derive no children (it writes its trees by hand) holds no
      // Frozen layer that the step could find; it trains as it did.
      return none;
    }
    return children.foldLeft(none, (sel, child) -> {
      Selector inner = frozenLayers(child._2, prefix.isEmpty() ? child._1 : prefix + "/" + child._1);
      return inner.equals(none) ? sel : sel.equals(none) ? inner : sel.or(inner);
    });
  }

  private static void requireFiniteGradients(Tree grads, TrainState state, double total, double dataLoss,
      double regularization) {
    NonFinite.in(grads).forEach(bad -> {
      throw failure(TrainingDiverged.Problem.GRADIENT_NOT_FINITE, state, total, dataLoss, regularization,
          bad.describe(""));
    });
  }

  private static TrainingDiverged failure(TrainingDiverged.Problem problem, TrainState state, double total,
      double dataLoss, double penalty, String detail) {
    return new TrainingDiverged(problem, state.step(), total, dataLoss, penalty, detail, Option.none(), Option.none(),
        Option.of(state));
  }
}
