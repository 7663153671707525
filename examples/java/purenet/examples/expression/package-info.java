/**
 * Existing purenet layers and penalties re-expressed with {@link purenet.autodiff} as their
 * forward computation only: the LSTM cell, layer normalization, the L2 penalty, and the
 * orthogonality penalty. Property tests show they agree with the hand-written versions to 1e-12 and
 * pass the same layer contract; {@code bench.ExpressionBenchmark} measures what the convenience
 * costs.
 */
package purenet.examples.expression;
