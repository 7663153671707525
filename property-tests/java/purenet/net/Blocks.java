package purenet.net;

import purenet.layer.Dense;
import purenet.layer.Identity;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.Sigmoid;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** Valid random building blocks for the combinator laws: every value is built, none filtered. */
final class Blocks {
  private Blocks() {}

  /** The activation that follows a Dense layer in a block. */
  enum Activation {
    TANH, SIGMOID, RELU, IDENTITY;

    Layer layer() {
      return switch (this) {
        case TANH -> new Tanh();
        case SIGMOID -> new Sigmoid();
        case RELU -> new Relu();
        case IDENTITY -> new Identity();
      };
    }
  }

  /** A Dense layer (in → out) with standard normal weight and bias, followed by {@code act}. */
  static Layer block(int in, int out, Activation act, Key key) {
    return Sequential.of(dense(in, out, key), act.layer());
  }

  /** A Dense layer (in → out) with standard normal weight and bias. */
  static Dense dense(int in, int out, Key key) {
    Key[] k = key.split(2);
    return Dense.of(normal(k[0], in, out), normal(k[1], out));
  }

  /** A tensor of standard normal values. */
  static Tensor normal(Key key, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Tensor.of(key.normal(n), shape);
  }
}
