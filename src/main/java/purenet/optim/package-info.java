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
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.optim;
