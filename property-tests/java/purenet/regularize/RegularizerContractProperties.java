package purenet.regularize;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.PenaltyCase;
import purenet.testkit.PenaltyContract;
import purenet.testkit.TensorArbitraries;

/**
 * L1, L2 and the elastic net pass the published penalty contract (gradient against central
 * differences at weights with |w| in [0.1, 2], away from L1's kink; purity), exactly as a user's own
 * penalty would be checked.
 */
class RegularizerContractProperties implements PenaltyContract {

  @Override
  @Provide
  public Arbitrary<PenaltyCase> penaltyCases() {
    Arbitrary<Double> lambdas = TensorArbitraries.values(0, 2);
    return Arbitraries.oneOf(
        PenaltyCase.of("L1", lambdas.map(L1::new)),
        PenaltyCase.of("L2", lambdas.map(L2::new)),
        PenaltyCase.of("ElasticNet", Combinators.combine(lambdas, lambdas).as(ElasticNet::new)));
  }
}
