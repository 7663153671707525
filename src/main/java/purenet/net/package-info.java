/**
 * Combinators that build networks from layers, each itself a {@link purenet.layer.Layer}:
 * {@link purenet.net.Sequential} (f = fₙ ∘ … ∘ f₁), {@link purenet.net.Residual} (y = x + f(x)),
 * {@link purenet.net.Parallel} (branches on one input, merged by {@link purenet.net.Merge}),
 * {@link purenet.net.TimeDistributed} (a layer on every time step of a sequence), and the
 * model {@link purenet.net.Summary}.
 *
 * <p>Every combinator names its children in {@link purenet.layer.Layer#children()} by the names under
 * which their parameters and state appear ({@code "0"}, {@code "1"} by position; {@code "inner"} for
 * a Residual or TimeDistributed), reports their shape checks under the same names in
 * {@link purenet.layer.ShapeCheck#children()}, runs child i in {@code mode.child(i)}, and passes on
 * their {@code next} layers and penalties.
 */
package purenet.net;
