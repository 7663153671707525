/**
 * Training: the pure step and the imperative shell around it.
 *
 * <ul>
 *   <li>{@link purenet.train.TrainState}: model, optimizer state, step counter, base key.</li>
 *   <li>{@link purenet.train.TrainStep}: one pure step (forward in {@code Mode.train(key.foldIn(step))},
 *       loss, backward, coupled penalties, optimizer update, constraints) returning the next state
 *       and {@link purenet.train.Metrics}; throws {@link purenet.train.TrainingDiverged} on a
 *       non-finite loss.</li>
 *   <li>{@link purenet.train.Fit} with {@link purenet.train.FitConfig}: epochs of keyed shuffles and
 *       mini-batches (optionally augmented, {@link purenet.train.FitConfig#withAugmentation}),
 *       validation, progress lines, {@link purenet.train.History}, and
 *       {@link purenet.train.EpochCallback}s deciding after each epoch whether to go on
 *       (early stopping).</li>
 *   <li>{@link purenet.train.Evaluate}: loss and {@link purenet.train.Accuracy} of a model on a data
 *       set in evaluation mode, batched; {@link purenet.train.TaskEvaluate} the same per task of a
 *       multi-task model.</li>
 *   <li>{@link purenet.train.TaskEarlyStopping}: task-based early stopping of a multi-task model,
 *       one task's validation loss or accuracy on the {@link purenet.train.EarlyStopping}
 *       criterion.</li>
 *   <li>{@link purenet.train.Checkpoint}: a whole training state as one safetensors file
 *       ({@code purenet.io}), restored into a model of the same architecture so that training resumes
 *       bit for bit; {@link purenet.train.Checkpoints}, the callback that writes them during
 *       {@link purenet.train.Fit}.</li>
 *   <li>{@link purenet.train.Plots}: PNG line charts of training curves.</li>
 * </ul>
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.train;
