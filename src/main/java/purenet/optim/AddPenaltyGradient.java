package purenet.optim;

import purenet.regularize.Penalties;
import purenet.tree.Tree;

/**
 * Coupled regularization: adds the penalty's gradient to the data gradient before the optimizer,
 * g ← g + ∇R(θ), at the current (pre-update) parameters θ. Stateless.
 *
 * <p>Put it first in a chain: {@code chain(new AddPenaltyGradient(p), optimizer)}. The penalty
 * gradient then flows through the optimizer like data gradient, so an adaptive optimizer (Adam)
 * scales it and accumulates it in its moments; that is the "L2 regularization" of Loshchilov and
 * Hutter (2019), as opposed to {@link DecoupledDecay}. With plain SGD (η) and L2 (λ) one step is
 * θ ← θ - η(g + λθ) = (1 - ηλ)θ - ηg.
 *
 * @param penalties the penalty R whose gradient is added
 */
public record AddPenaltyGradient(Penalties penalties) implements GradientTransform {

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.add(penalties.apply(params).gradient()), state);
  }
}
