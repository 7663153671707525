package purenet.tensor;

import java.util.function.DoubleBinaryOperator;

/**
 * The four arithmetic operators of {@link Tensor#add}, {@link Tensor#sub}, {@link Tensor#mul} and
 * {@link Tensor#div}, with a loop of their own for each broadcasting layout.
 *
 * <p>Why: a loop that calls its operator through {@link DoubleBinaryOperator} serves every
 * operator in the program, so the JIT sees many receivers, calls each element through an
 * interface and vectorises nothing. Here the operator is chosen once per array and each loop is
 * plain arithmetic. Results are those of {@link #applyAsDouble}, element by element.
 */
enum Arith implements DoubleBinaryOperator {
  ADD, SUB, MUL, DIV;

  @Override
  public double applyAsDouble(double x, double y) {
    return switch (this) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
    };
  }

  /** {@code d[o + i] = x[xo + i] ∘ y[yo + i]} for i in [0, n). */
  void range(double[] x, int xo, double[] y, int yo, double[] d, int o, int n) {
    switch (this) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          d[o + i] = x[xo + i] + y[yo + i];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          d[o + i] = x[xo + i] - y[yo + i];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          d[o + i] = x[xo + i] * y[yo + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          d[o + i] = x[xo + i] / y[yo + i];
        }
      }
    }
  }

  /** {@code d[i] = x[i] ∘ c}. */
  void withRight(double[] x, double c, double[] d) {
    switch (this) {
      case ADD -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = x[i] + c;
        }
      }
      case SUB -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = x[i] - c;
        }
      }
      case MUL -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = x[i] * c;
        }
      }
      case DIV -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = x[i] / c;
        }
      }
    }
  }

  /** {@code d[i] = c ∘ y[i]}. */
  void withLeft(double c, double[] y, double[] d) {
    switch (this) {
      case ADD -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = c + y[i];
        }
      }
      case SUB -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = c - y[i];
        }
      }
      case MUL -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = c * y[i];
        }
      }
      case DIV -> {
        for (int i = 0; i < d.length; i++) {
          d[i] = c / y[i];
        }
      }
    }
  }
}
