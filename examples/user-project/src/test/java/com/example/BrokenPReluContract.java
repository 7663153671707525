package com.example;

import net.jqwik.api.Arbitrary;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;

/**
 * The layer contract on {@link BrokenPRelu}: it must fail. Not run by Surefire on its own (no
 * {@code Test} suffix); {@link BrokenLayerIsCaughtTest} runs it and checks the failure.
 */
class BrokenPReluContract implements LayerContract {
  public Arbitrary<LayerCase> layerCases() { return LayerCase.of(key -> new BrokenPRelu(Tensor.of(key.uniform(4, -1, 1), 4)), Shape.of(3, 4)); }
}
