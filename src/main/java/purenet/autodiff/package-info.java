/**
 * Write only the forward: differentiable operations on tensors whose pullbacks compose into
 * reverse-mode automatic differentiation, without a global tape and without mutation.
 *
 * <p>An {@link purenet.autodiff.Expr} is a tensor value together with the operation that made it
 * and that operation's pullback (vector-Jacobian product); applying operations builds an immutable
 * DAG. {@link purenet.autodiff.Expr#gradients} walks it once in reverse topological order, sums the
 * gradients of shared nodes and pulls back each operation at most once (linear time). The
 * operations: elementwise arithmetic with broadcasting, exp, log, sqrt, pow, tanh, sigmoid, relu,
 * softplus; matrix products and their transposed forms; sum, mean and max over axes; reshape,
 * transpose, permute, slice, concat, broadcast; softmax and log-softmax; and the library's
 * convolution and pooling kernels as single operations, with their own backward code.
 *
 * <p>Three doors into the rest of purenet: {@link purenet.autodiff.ExpressionLayer} (a layer that
 * writes its forward expression only), {@link purenet.autodiff.ExpressionRegularizer} (a penalty
 * written as its value) and {@link purenet.autodiff.ScalarFunction#valueAndGrad} (JAX's
 * {@code value_and_grad} for a scalar function of a parameter tree).
 *
 * <p>Sits above {@code layer}, {@code loss} and {@code regularize}, which it implements; nothing
 * below imports it.
 */
package purenet.autodiff;
