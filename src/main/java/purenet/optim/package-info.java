/**
 * Optax-style gradient transformations with state as trees, and optimizers built from them.
 *
 * <p>A {@link purenet.optim.GradientTransform} maps gradients to updates, which are <em>added</em>
 * to the parameters (θ ← θ + u). Small transforms — {@link purenet.optim.Scale},
 * {@link purenet.optim.TraceMomentum}, {@link purenet.optim.ScaleByAdagrad},
 * {@link purenet.optim.ScaleByRms}, {@link purenet.optim.ScaleByAdadelta},
 * {@link purenet.optim.ScaleByAdam}, {@link purenet.optim.ScaleByAmsgrad},
 * {@link purenet.optim.AddDecayedWeights}, {@link purenet.optim.ScaleByLearningRate},
 * {@link purenet.optim.ScaleBySchedule}, {@link purenet.optim.Masked},
 * {@link purenet.optim.Freeze} — compose with {@link purenet.optim.Chain}; the usual optimizers are
 * aliases in {@link purenet.optim.Optimizers}. Learning-rate {@link purenet.optim.Schedule}s:
 * constant, step, exponential, cosine, linear warm-up.
 *
 * <p>Decoupled weight decay is {@link purenet.optim.AddDecayedWeights} placed before the learning
 * rate, so its step size is the optimizer's η or schedule ({@link purenet.optim.Optimizers#adamw}).
 * Freezing is {@link purenet.optim.Optimizers#freeze}: {@link purenet.optim.Freeze} ends the chain,
 * and the chain reports its {@link purenet.optim.GradientTransform#frozen() frozen} leaves so that
 * the training step keeps penalties, decay and constraints off them. {@link purenet.optim.Masked}
 * applies a transform to the leaves a {@link purenet.tree.Selector} selects. (Coupled penalties and
 * constraints after the update are the train step's.)
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.optim;
