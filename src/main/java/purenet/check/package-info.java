/**
 * The verification kit without a test framework: the finite-difference gradient checker
 * ({@link purenet.check.GradientCheck}) for layers, models and penalties, and the laws every layer
 * ({@link purenet.check.LayerLaws}), penalty ({@link purenet.check.PenaltyLaws}) and gradient
 * transform ({@link purenet.check.TransformLaws}) obeys, each returning a
 * {@link purenet.check.LawReport} that names the law, the parameter path, the index and the
 * analytic and numeric values. The jqwik contracts of {@code dev.purenet:purenet-testkit} run these
 * laws over generated cases, for purenet's own layers and for users'.
 */
package purenet.check;
