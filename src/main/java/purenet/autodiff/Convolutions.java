package purenet.autodiff;

import purenet.tensor.Convolution;
import purenet.tensor.MaxPooled;
import purenet.tensor.Pooling;
import purenet.tensor.Tensor;

/**
 * The library's convolution and pooling kernels ({@link Convolution}, {@link Pooling}) as single
 * operations: the forward map and the pullbacks are the kernels' own, nothing is re-implemented.
 */
final class Convolutions {
  private Convolutions() {}

  static Expr conv2d(Expr input, Expr kernel, Convolution conv) {
    Tensor x = input.value();
    Tensor k = kernel.value();
    return Expr.op("conv2d", conv.apply(x, k), (g, w) -> new Tensor[] {
        w[0] ? conv.inputGrad(g, k, x.shape()) : null,
        w[1] ? conv.kernelGrad(x, g, k.shape()) : null}, input, kernel);
  }

  static Expr conv2d(Expr input, Expr kernel, Expr bias, Convolution conv) {
    Tensor x = input.value();
    Tensor k = kernel.value();
    return Expr.op("conv2d", conv.apply(x, k, bias.value()), (g, w) -> new Tensor[] {
        w[0] ? conv.inputGrad(g, k, x.shape()) : null,
        w[1] ? conv.kernelGrad(x, g, k.shape()) : null,
        w[2] ? conv.biasGrad(g) : null}, input, kernel, bias);
  }

  static Expr maxPool(Expr input, Pooling pool) {
    MaxPooled pooled = pool.max(input.value());
    return Expr.op("maxPool", pooled.output(), (g, w) -> new Tensor[] {pooled.inputGrad(g)}, input);
  }

  static Expr avgPool(Expr input, Pooling pool) {
    Tensor x = input.value();
    return Expr.op("avgPool", pool.average(x), (g, w) -> new Tensor[] {pool.averageInputGrad(g, x.shape())}, input);
  }
}
