/**
 * Regularization of parameters as pure values.
 *
 * <p>Penalties: a {@link purenet.regularize.Regularizer} maps one weight tensor to
 * {@link purenet.regularize.Penalty}(R(w), ∂R/∂w) — {@link purenet.regularize.L2} (λ/2·Σw²),
 * {@link purenet.regularize.L1} (λ·Σ|w|), {@link purenet.regularize.ElasticNet}; a
 * {@link purenet.regularize.Penalties} maps a whole parameter tree to a
 * {@link purenet.regularize.TreePenalty} — {@link purenet.regularize.Penalized} (one regularizer
 * on the leaves a {@link purenet.tree.Selector} selects, the weights by
 * default), {@link purenet.regularize.PerLayer} (a regularizer per subtree),
 * {@link purenet.regularize.SoftSharing} (distance between two towers).
 *
 * <p>Constraints: a {@link purenet.regularize.Constraint} projects a weight tensor onto a set after
 * each update — {@link purenet.regularize.MaxNorm}, {@link purenet.regularize.UnitNorm},
 * {@link purenet.regularize.MinMaxNorm}, {@link purenet.regularize.NonNeg}; a
 * {@link purenet.regularize.TreeConstraint} projects a parameter tree.
 *
 * <p>One way into training each: penalties are the train step's {@code penalties} (coupled: their
 * gradient joins the data gradient before the optimizer), constraints its {@code withConstraints}
 * (after the update); decoupled weight decay is {@code purenet.optim.AddDecayedWeights} in the
 * optimizer chain. Penalties, constraints and selectors are named values (records that print what
 * they are and compare by value), and one whose selector matches no leaf of the tree fails, listing
 * the tree's paths. Activation penalties are the {@code purenet.layer.ActivityRegularized} layer.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.regularize;
