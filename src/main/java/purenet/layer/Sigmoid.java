package purenet.layer;

/** Logistic sigmoid: f(x) = 1/(1 + e^(-x)), f'(x) = f(x)(1 - f(x)); stable for large |x|. */
public record Sigmoid() implements Pointwise {
  @Override
  public double value(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  @Override
  public double derivative(double x, double y) {
    return y * (1.0 - y);
  }
}
