package purenet.regularize;

import purenet.tensor.Tensor;

/**
 * A penalty value and its gradient with respect to the penalised tensor.
 *
 * @param value    R(w)
 * @param gradient ∂R/∂w, of w's shape
 */
public record Penalty(double value, Tensor gradient) {}
