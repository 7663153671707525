package com.example;

import net.jqwik.api.Arbitrary;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.TransformCase;
import purenet.testkit.TransformContract;

/** Lion passes every law of the transform contract. */
class LionTest implements TransformContract {
  public Arbitrary<TransformCase> transformCases() { return TransformCase.of("lion", TensorArbitraries.values(1e-3, 0.1).map(Lion::of)); }
}
