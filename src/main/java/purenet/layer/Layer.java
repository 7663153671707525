package purenet.layer;

import io.vavr.collection.LinkedHashMap;
import java.io.Serializable;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A differentiable function with parameters, as an immutable value.
 *
 * <p>{@link #forward} returns the output together with the {@link Backward} closure for that very
 * pass and the layer to use next (see {@link Forward#next()}). Parameters and non-trainable state
 * are {@link Tree}s; {@link #withParams} and {@link #withState} return new layers and
 * {@code withParams(params())} equals the layer itself. Implementations are records.
 *
 * <p>Input layouts: dense (batch, features); images (batch, channels, height, width); sequences
 * (batch, time, features).
 */
public interface Layer extends Serializable {

  /** Runs the layer on a batch. */
  Forward forward(Tensor input, Mode mode);

  /** The trainable parameters; the empty node for a layer without any. */
  default Tree params() {
    return Tree.empty();
  }

  /** The same layer with new parameters of the same structure. */
  default Layer withParams(Tree params) {
    params().requireSameStructure(params, name() + ".withParams");
    return this;
  }

  /** The non-trainable state (running statistics, carried hidden state); empty by default. */
  default Tree state() {
    return Tree.empty();
  }

  /** The same layer with new state of the same structure. */
  default Layer withState(Tree state) {
    state().requireSameStructure(state, name() + ".withState");
    return this;
  }

  /**
   * The output shape for an input shape, with every problem found. The default runs the layer on
   * zeros in evaluation mode; layers override it to check without computing.
   */
  default ShapeCheck check(Shape input) {
    try {
      return ShapeCheck.ok(forward(Tensor.zeros(input), Mode.eval()).output().shape());
    } catch (IllegalArgumentException e) {
      return ShapeCheck.problem(input, e.getMessage());
    }
  }

  /** The output in evaluation mode: inference without gradients. */
  default Tensor apply(Tensor input) {
    return forward(input, Mode.eval()).output();
  }

  /**
   * The layers this layer is built from, under the names by which their parameters and state
   * appear in this layer's trees ({@code "0"}, {@code "1"} for a Sequential, {@code "inner"} for
   * a Residual); empty, the default, for a layer that wraps no other. It exists so that a network
   * can be walked generically (e.g. by {@code purenet.net.Summary}); it never affects computation.
   * A combinator that overrides it also reports its children's checks in
   * {@link ShapeCheck#children()} under the same names.
   */
  default LinkedHashMap<String, Layer> children() {
    return LinkedHashMap.empty();
  }

  /** A short name for summaries and error messages; the class name by default. */
  default String name() {
    return getClass().getSimpleName();
  }
}
