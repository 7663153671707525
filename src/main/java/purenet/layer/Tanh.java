package purenet.layer;

/** Hyperbolic tangent: f(x) = tanh x, f'(x) = 1 - f(x)². */
public record Tanh() implements Pointwise {
  @Override
  public double value(double x) {
    return Math.tanh(x);
  }

  @Override
  public double derivative(double x, double y) {
    return 1.0 - y * y;
  }
}
