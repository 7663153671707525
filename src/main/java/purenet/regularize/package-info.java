/**
 * Regularizers as pure functions of weights ({@link purenet.regularize.Regularizer}: w → penalty and
 * gradient) and their application to parameter trees ({@link purenet.regularize.Penalties}).
 */
package purenet.regularize;
