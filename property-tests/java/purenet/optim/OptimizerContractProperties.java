package purenet.optim;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import purenet.testkit.TransformCase;
import purenet.testkit.TransformContract;

/**
 * Every optimizer alias passes the published transform contract (pure init/update, state of a
 * stable structure, associative chain), exactly as a user's own transform would be checked.
 */
class OptimizerContractProperties implements TransformContract {

  @Override
  @Provide
  public Arbitrary<TransformCase> transformCases() {
    return Arbitraries.oneOf(
        TransformCase.of("sgd", Arbitraries.just(Optimizers.sgd(0.1))),
        TransformCase.of("momentum", Arbitraries.just(Optimizers.momentum(0.1, 0.9))),
        TransformCase.of("nesterov", Arbitraries.just(Optimizers.nesterov(0.05, 0.8))),
        TransformCase.of("adagrad", Arbitraries.just(Optimizers.adagrad(0.1))),
        TransformCase.of("adadelta", Arbitraries.just(Optimizers.adadelta())),
        TransformCase.of("rmsprop", Arbitraries.just(Optimizers.rmsprop(0.01))),
        TransformCase.of("adam", Arbitraries.just(Optimizers.adam(0.01))),
        TransformCase.of("amsgrad", Arbitraries.just(Optimizers.amsgrad(0.01))),
        TransformCase.of("adamw", Arbitraries.just(Optimizers.adamw(0.01, 0.1))));
  }
}
