/**
 * Losses ({@link purenet.loss.Loss}): functions of prediction and target returning the value and
 * the gradient with respect to the prediction, with an explicit {@link purenet.loss.Reduction}.
 *
 * <ul>
 *   <li>{@link purenet.loss.SquaredError}: ½Σ(p−t)² ({@code halfSum}), Σ(p−t)² ({@code sum}),
 *       mean over all elements ({@code mean}).</li>
 *   <li>{@link purenet.loss.SoftmaxCrossEntropy}: softmax and cross-entropy fused on logits
 *       (batch, classes), targets as class indices or probability rows; mean or sum over the
 *       batch.</li>
 *   <li>{@link purenet.loss.BinaryCrossEntropy}: sigmoid and cross-entropy fused on logits; mean
 *       or sum over the elements.</li>
 *   <li>{@link purenet.loss.MultiTaskLoss}: Σₖ wₖ·Lₖ over {@link purenet.loss.Task}s, each owning
 *       its columns of a joint prediction (as {@code purenet.net.Heads} outputs it).</li>
 * </ul>
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.loss;
