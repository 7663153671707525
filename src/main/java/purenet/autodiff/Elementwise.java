package purenet.autodiff;

import java.util.function.DoubleBinaryOperator;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Elementwise operations and their pullbacks. Binary operations broadcast as NumPy does; the
 * gradient of a broadcast operand is summed back to its shape ({@link Tensor#sumTo}).
 */
final class Elementwise {
  private Elementwise() {}

  static Expr plus(Expr a, Expr b) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    return Expr.op("plus", a.value().add(b.value()),
        (g, w) -> new Tensor[] {w[0] ? to(g, sa) : null, w[1] ? to(g, sb) : null}, a, b);
  }

  static Expr minus(Expr a, Expr b) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    return Expr.op("minus", a.value().sub(b.value()),
        (g, w) -> new Tensor[] {w[0] ? to(g, sa) : null, w[1] ? to(g.neg(), sb) : null}, a, b);
  }

  static Expr times(Expr a, Expr b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Expr.op("times", x.mul(y),
        (g, w) -> new Tensor[] {w[0] ? to(g.mul(y), x.shape()) : null, w[1] ? to(g.mul(x), y.shape()) : null}, a, b);
  }

  static Expr div(Expr a, Expr b) {
    Tensor x = a.value();
    Tensor y = b.value();
    Tensor q = x.div(y);
    return Expr.op("div", q, (g, w) -> {
      Tensor gy = g.div(y);
      return new Tensor[] {w[0] ? to(gy, x.shape()) : null, w[1] ? to(gy.mul(q).neg(), y.shape()) : null};
    }, a, b);
  }

  static Expr plus(Expr a, double c) {
    return Expr.op("plus", a.value().add(c), (g, w) -> new Tensor[] {g}, a);
  }

  static Expr times(Expr a, double c) {
    return Expr.op("times", a.value().mul(c), (g, w) -> new Tensor[] {g.mul(c)}, a);
  }

  static Expr neg(Expr a) {
    return Expr.op("neg", a.value().neg(), (g, w) -> new Tensor[] {g.neg()}, a);
  }

  static Expr exp(Expr a) {
    Tensor y = a.value().exp();
    return Expr.op("exp", y, (g, w) -> new Tensor[] {g.mul(y)}, a);
  }

  static Expr log(Expr a) {
    Tensor x = a.value();
    return Expr.op("log", x.log(), (g, w) -> new Tensor[] {g.div(x)}, a);
  }

  static Expr sqrt(Expr a) {
    Tensor y = a.value().sqrt();
    return Expr.op("sqrt", y, (g, w) -> new Tensor[] {g.zipWith(y, (d, v) -> 0.5 * d / v)}, a);
  }

  static Expr pow(Expr a, double p) {
    Tensor x = a.value();
    return Expr.op("pow", x.pow(p), (g, w) -> new Tensor[] {g.zipWith(x, (d, v) -> d * p * Math.pow(v, p - 1))}, a);
  }

  static Expr tanh(Expr a) {
    Tensor y = a.value().map(Math::tanh);
    return Expr.op("tanh", y, (g, w) -> new Tensor[] {g.zipWith(y, (d, v) -> d * (1 - v * v))}, a);
  }

  static Expr sigmoid(Expr a) {
    Tensor y = a.value().map(Elementwise::logistic);
    return Expr.op("sigmoid", y, (g, w) -> new Tensor[] {g.zipWith(y, (d, v) -> d * v * (1 - v))}, a);
  }

  static Expr relu(Expr a) {
    Tensor x = a.value();
    return Expr.op("relu", x.map(v -> v > 0 ? v : 0.0), (g, w) -> new Tensor[] {g.zipWith(x, (d, v) -> v > 0 ? d : 0.0)}, a);
  }

  static Expr softplus(Expr a) {
    Tensor x = a.value();
    return Expr.op("softplus", x.map(v -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)))),
        (g, w) -> new Tensor[] {g.zipWith(x, (DoubleBinaryOperator) (d, v) -> d * logistic(v))}, a);
  }

  /** σ(v) = 1/(1 + e^(−v)), without overflow for large |v|. */
  static double logistic(double v) {
    if (v >= 0) {
      return 1.0 / (1.0 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1.0 + e);
  }

  /** The gradient of a broadcast operand: summed back to its shape. */
  static Tensor to(Tensor g, Shape s) {
    return g.shape().equals(s) ? g : g.sumTo(s);
  }
}
