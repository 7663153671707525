package purenet.layer;

/** The identity: f(x) = x, f'(x) = 1. A linear "activation". */
public record Identity() implements Pointwise {
  @Override
  public double value(double x) {
    return x;
  }

  @Override
  public double derivative(double x, double y) {
    return 1.0;
  }
}
