/**
 * Optax-style gradient transformations ({@link purenet.optim.GradientTransform}) with state as
 * trees, their {@link purenet.optim.Chain chain}, and optimizers built from them.
 */
package purenet.optim;
