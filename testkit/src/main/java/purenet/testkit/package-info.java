/**
 * The purenet test kit (artifact {@code dev.purenet:purenet-testkit}, one test-scoped dependency
 * that brings jqwik with it): the jqwik contracts that every layer, penalty and gradient transform
 * of purenet passes, for users' own — {@link purenet.testkit.LayerContract},
 * {@link purenet.testkit.PenaltyContract}, {@link purenet.testkit.TransformContract} — and the
 * generators they draw from: {@link purenet.testkit.TensorArbitraries} (shapes, tensors, keys,
 * modes), {@link purenet.testkit.TreeArbitraries} and {@link purenet.testkit.NetworkArbitraries}
 * (small networks). The laws themselves are framework-free, in {@code purenet.check}.
 *
 * <pre>{@code
 * class PReluTest implements LayerContract {
 *   public Arbitrary<LayerCase> layerCases() { return LayerCase.of(key -> PRelu.of(4, key), Shape.of(3, 4)); }
 * }
 * }</pre>
 */
package purenet.testkit;
