/**
 * Recurrent layers over sequences (batch, time, features), trained by backpropagation through
 * time: {@link purenet.layer.recurrent.ElmanRnn} (h_t = tanh([x_t, h_{t−1}, 1]·W)) and
 * {@link purenet.layer.recurrent.Lstm} (forget, input, candidate and output gates), both
 * {@link purenet.layer.recurrent.Recurrent}; {@link purenet.layer.recurrent.Carry} says whether the
 * hidden state is carried from one call to the next (truncated BPTT); and
 * {@link purenet.layer.recurrent.LastStep} keeps only the final step. An output layer on every step
 * is {@code purenet.net.TimeDistributed}.
 *
 * <pre>{@code
 * Layer model = Sequential.of(
 *     Lstm.of(vocab, 128, k[0]).carrying(32),          // carries (h, c) across training calls
 *     TimeDistributed.of(Dense.of(128, vocab, k[1])));  // logits for every step
 * }</pre>
 */
package purenet.layer.recurrent;
