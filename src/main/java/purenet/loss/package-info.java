/**
 * Losses ({@link purenet.loss.Loss}): functions of prediction and target returning the value and
 * the gradient with respect to the prediction, with an explicit reduction.
 */
package purenet.loss;
