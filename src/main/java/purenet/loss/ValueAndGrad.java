package purenet.loss;

/**
 * A scalar value together with its gradient.
 *
 * @param value the value, e.g. a loss
 * @param grad  its gradient with respect to the argument, of the argument's shape or structure
 * @param <T>   the type of the argument (a tensor, a tree)
 */
public record ValueAndGrad<T>(double value, T grad) {}
