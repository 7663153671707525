package com.example;

import net.jqwik.api.Arbitrary;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;

/** PRelu passes every law of the layer contract. */
class PReluTest implements LayerContract {
  public Arbitrary<LayerCase> layerCases() { return LayerCase.of(key -> new PRelu(Tensor.of(key.uniform(4, -1, 1), 4)), Shape.of(3, 4)); }
}
