package com.example;

import net.jqwik.api.Arbitrary;
import purenet.testkit.PenaltyCase;
import purenet.testkit.PenaltyContract;
import purenet.testkit.TensorArbitraries;

/** The orthogonality penalty passes every law of the penalty contract. */
class OrthogonalityTest implements PenaltyContract {
  public Arbitrary<PenaltyCase> penaltyCases() { return PenaltyCase.of("orthogonality", TensorArbitraries.values(0, 1).map(Orthogonality::new)); }
}
