/**
 * Recurrent layers over sequences (batch, time, features), split as a cell and a scan.
 *
 * <p>A {@link purenet.layer.recurrent.Cell} is one time step, s_t = step(x_t, s_{t−1}), with its
 * parameters and the backward map of that step: {@link purenet.layer.recurrent.ElmanRnn}
 * (h_t = tanh(x_t·W_x + h_{t−1}·W_h + b)), {@link purenet.layer.recurrent.Lstm} (input, forget,
 * candidate and output gates) and {@link purenet.layer.recurrent.Gru} (reset and update gates,
 * PyTorch's equations). Each cell's Javadoc says how its weights map to PyTorch's
 * {@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}.
 *
 * <p>{@link purenet.layer.recurrent.Scan} is the one recurrent layer: it runs a cell over time and
 * owns the loop, backpropagation through time (full within a call, truncated at call boundaries),
 * the state carried across calls ({@link purenet.layer.recurrent.Carry}), resets and the
 * parameters-only backward. {@link purenet.layer.recurrent.Bidirectional} runs one scan forward and
 * one backward and concatenates their states; {@link purenet.layer.recurrent.LastStep} keeps only
 * the final step. An output layer on every step is {@code purenet.net.TimeDistributed}.
 *
 * <pre>{@code
 * Layer model = Sequential.of(
 *     Scan.of(Lstm.of(vocab, 128, k[0])).carrying(32),  // carries (h, c) across training calls
 *     TimeDistributed.of(Dense.of(128, vocab, k[1])));  // logits for every step
 * }</pre>
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer.recurrent;
