/**
 * Combinators that build networks from layers, each itself a {@link purenet.layer.Layer}:
 * {@link purenet.net.Sequential} (f = fₙ ∘ … ∘ f₁), {@link purenet.net.Residual} (y = x + f(x)),
 * {@link purenet.net.Parallel} (branches on one input, merged by {@link purenet.net.Merge}),
 * {@link purenet.net.TimeDistributed} (a layer on every time step of a sequence),
 * {@link purenet.net.Frozen} (a layer held fixed, for transfer learning; cut a trained network with
 * {@link purenet.net.Sequential#take} and {@link purenet.net.Sequential#drop}),
 * {@link purenet.net.Heads} (a shared trunk with named task heads, hard parameter sharing),
 * {@link purenet.net.TiedAutoencoder} (decoder weight tied to the encoder's, transposed), and the
 * model {@link purenet.net.Summary}.
 *
 * <p>Every combinator names its children in {@link purenet.layer.Layer#children()} by the names under
 * which their parameters and state appear ({@code "0"}, {@code "1"} by position; {@code "inner"} for
 * a Residual, TimeDistributed or Frozen; {@code "trunk"} and the head names for Heads), reports
 * their shape checks under the same names in {@link purenet.layer.ShapeCheck#children()}, runs child
 * i in {@code mode.child(i)}, and passes on their {@code next} layers and penalties. (Frozen is the
 * exception by design: its layer always runs at inference and never changes.)
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.net;
