package purenet.net;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.layer.Backward;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;
import purenet.layer.Inline;

/**
 * Layers applied in order: f = fₙ ∘ ... ∘ f₁. Itself a {@link Layer}.
 *
 * <p>Parameters and state are nodes named by position ({@code "0/weight"}, {@code "2/bias"});
 * layers without parameters contribute no leaves. Backward applies the children's backward closures
 * in reverse order (the chain rule). Child {@code i} runs in {@code mode.child(i)}, so stochastic
 * children draw independent randomness. {@link #children()} names the layers {@code "0"}, {@code
 * "1"}, ... like the parameter tree. A {@link Dense} child next to a {@link Relu} child runs fused
 * ({@code DenseRelu}): the same bits with fewer arrays and passes.
 *
 * @param layers the layers, first applied first
 */
public record Sequential(@Inline Vector<Layer> layers) implements Layer {

  /**
   * {@return a network of the given layers}
   *
   * @param layers the layers, first applied first
   */
  public static Sequential of(Layer... layers) {
    return new Sequential(Vector.of(layers));
  }

  /**
   * {@return this network followed by {@code more}}
   *
   * @param more the layers to append
   */
  public Sequential then(Layer... more) {
    return new Sequential(layers.appendAll(Vector.of(more)));
  }

  /**
   * {@return the first {@code n} layers, as trained: the network cut after depth n, e.g. the feature
   * extractor of transfer learning (Maier et al., FAU Deep Learning lecture "Regularization", 2023: "we
   * cut the network at some depth")} {@code take(n)} followed by {@link #drop drop(n)} is the whole
   * network: for every input x, {@code drop(n).apply(take(n).apply(x)) = apply(x)}. Layer i of the cut
   * keeps its parameters, but they now sit at path {@code "i/..."} of the cut, as they did in this network.
   *
   * @param n the depth, 0 ≤ n ≤ {@code layers().size()}
   * @throws IllegalArgumentException if n is outside that range
   */
  public Sequential take(int n) {
    requireDepth(n, "take");
    return new Sequential(layers.take(n));
  }

  /**
   * {@return every layer after the first {@code n}: the part of the network above the cut at depth n
   * (its head)} The layers are renumbered from 0, so layer n of this network becomes layer 0 and its
   * parameters move from path {@code "n/..."} to {@code "0/..."}.
   *
   * @param n the depth, 0 ≤ n ≤ {@code layers().size()}
   * @throws IllegalArgumentException if n is outside that range
   */
  public Sequential drop(int n) {
    requireDepth(n, "drop");
    return new Sequential(layers.drop(n));
  }

  private void requireDepth(int n, String what) {
    if (n < 0 || n > layers.size()) {
      throw new IllegalArgumentException("Sequential." + what + " needs a depth in 0.." + layers.size()
          + " for a network of " + layers.size() + " layers, got " + n);
    }
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Tensor x = input;
    Backward[] backs = new Backward[layers.size()];
    Vector<Layer> next = layers;
    double penalty = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (i + 1 < layers.size() && DenseRelu.pairsForward(layer, layers.get(i + 1))) {
        x = DenseRelu.forward((Dense) layer, (Relu) layers.get(i + 1), x, backs, i);
        i++;
        continue;
      }
      Forward f = layer.forward(x, mode.child(i));
      backs[i] = DenseRelu.marked(layer, x, f.backward());
      x = f.output();
      penalty += f.penalty();
      if (f.next() != layers.get(i)) {
        next = next.update(i, f.next());
      }
    }
    return new Forward(x, Backward.of(g -> backward(backs, g), g -> paramsOnly(backs, g)),
        next == layers ? this : new Sequential(next), penalty);
  }

  /** ∂L/∂input and ∂L/∂params: the chain rule through every child, last first. */
  private static Grads backward(Backward[] backs, Tensor g) {
    Tree[] params = new Tree[backs.length];
    Tensor input = chain(backs, g, 0, params);
    return new Grads(input, byPosition(Vector.of(params)));
  }

  /** ∂L/∂params alone: the first child is asked only for its parameter gradients. */
  private static Tree paramsOnly(Backward[] backs, Tensor g) {
    Tree[] params = new Tree[backs.length];
    if (backs.length > 0) {
      params[0] = backs[0].paramsOnly(chain(backs, g, 1, params));
    }
    return byPosition(Vector.of(params));
  }

  /**
   * The chain rule through children {@code last … first}, storing each child's parameter gradients
   * in {@code params}; returns the gradient with respect to child {@code first}'s input.
   */
  private static Tensor chain(Backward[] backs, Tensor g, int first, Tree[] params) {
    Tensor grad = g;
    for (int i = backs.length - 1; i >= first; i--) {
      if (i - 1 >= first && DenseRelu.pairsBackward(backs, i)) {
        grad = DenseRelu.backward(backs, i, grad, params);
        i--;
        continue;
      }
      Grads gi = backs[i].apply(grad);
      grad = gi.input();
      params[i] = gi.params();
    }
    return grad;
  }

  /**
   * Checks every layer in turn, each on the shape the previous one would output, so that every
   * mismatch is found at once; each problem is prefixed with {@code "layer i (Name): "}.
   */
  @Override
  public ShapeCheck check(Shape input) {
    Shape shape = input;
    Vector<String> problems = Vector.empty();
    LinkedHashMap<String, ShapeCheck> checks = LinkedHashMap.empty();
    for (int i = 0; i < layers.size(); i++) {
      ShapeCheck c = layers.get(i).check(shape);
      String where = "layer " + i + " (" + layers.get(i).name() + "): ";
      problems = problems.appendAll(c.problems().map(where::concat));
      checks = checks.put(String.valueOf(i), c);
      shape = c.output();
    }
    return new ShapeCheck(shape, problems, checks);
  }

  static Tree byPosition(Vector<Tree> children) {
    return Tree.node(children.zipWithIndex().map(p -> new Tuple2<>(String.valueOf(p._2), p._1)));
  }

}
