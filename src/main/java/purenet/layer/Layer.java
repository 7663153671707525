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
 *
 * <h2>Derived trees</h2>
 *
 * As in Equinox, where a module's parameter tree is its fields, a record layer gets
 * {@link #params()}, {@link #withParams}, {@link #state()}, {@link #withState} and
 * {@link #children()} from its record components, in declaration order; a layer writes only
 * {@link #forward}:
 *
 * <ul>
 *   <li>a {@code Tensor} component is a parameter leaf named after the component
 *       ({@code record Scale(Tensor weight)} has the parameter path {@code "weight"});
 *   <li>an {@code Option<Tensor>} is such a leaf when present and absent otherwise (an optional bias);
 *   <li>a {@code Tensor} or {@code Option<Tensor>} marked {@link State @State} is a leaf of the
 *       state instead (running statistics, a carried hidden state): trained by no optimizer,
 *       replaced by {@code withState};
 *   <li>a {@link Layer} component is a child: its parameters and state are the subtrees under the
 *       component's name ({@code "inner/weight"}), and it is listed by {@link #children()};
 *   <li>an ordered collection of layers (a Vavr {@code Vector}, {@code List} or {@code Seq}, or a
 *       {@code java.util.List}) is a subtree of children {@code "0"}, {@code "1"}, …, and a map
 *       from names to layers (a Vavr {@code LinkedHashMap}, or a {@code java.util.Map}) one of
 *       children named by its keys;
 *   <li>a child or collection marked {@link Inline @Inline} puts its children at this layer's
 *       root instead of under the component's name ({@code Sequential}'s {@code "0/weight"});
 *   <li>every other component — primitives, strings, enums, shapes, records of such values,
 *       interfaces (a function, a regularizer), Vavr collections of values — is static
 *       configuration: in no tree, kept as is.
 * </ul>
 *
 * {@code withParams} and {@code withState} check the given tree's structure, then rebuild the
 * layer through its canonical constructor, so the record's validation runs on every new value;
 * given the current tree they return this very layer. The reflective lookup (components,
 * accessors, constructor) is done once per class. A component that fits none of the rules — an
 * array, a mutable object, a record hiding a tensor — makes the first call fail with an
 * {@link IllegalStateException} naming the record class and the component. A layer that is not a
 * record has empty trees and no children unless it overrides the methods.
 *
 * <p>A layer overrides these methods only when its trees cannot follow from its components (e.g.
 * state held in a value that is not a tensor, such as a batch norm's running count); it then
 * overrides {@code params}/{@code withParams} or {@code state}/{@code withState} as a pair.
 */
public interface Layer extends Serializable {

  /**
   * Runs the layer on a batch.
   *
   * @param input the input batch, in the layout the layer documents
   * @param mode training (with its key), evaluation, or stochastic inference
   * @return the output, the backward closure and the layer to use next
   */
  Forward forward(Tensor input, Mode mode);

  /**
   * The trainable parameters; the empty node for a layer without any. Derived from the record's
   * components by default (see "Derived trees" above).
   *
   * @return the parameter tree
   */
  default Tree params() {
    return Derived.tree(this, false);
  }

  /**
   * The same layer with new parameters of the same structure, rebuilt through the canonical
   * constructor by default (see "Derived trees" above).
   *
   * @param params a tree with the structure (paths and leaf shapes) of {@link #params()}
   * @return the layer with these parameters; this layer if they are its own
   * @throws IllegalArgumentException if the structure differs, naming both structures
   */
  default Layer withParams(Tree params) {
    return Derived.with(this, params, false);
  }

  /**
   * The non-trainable state (running statistics, carried hidden state): the components marked
   * {@link State @State} and the children's state by default; empty if there is none.
   *
   * @return the state tree
   */
  default Tree state() {
    return Derived.tree(this, true);
  }

  /**
   * The same layer with new state of the same structure, rebuilt through the canonical
   * constructor by default.
   *
   * @param state a tree with the structure of {@link #state()}
   * @return the layer with this state; this layer if it is its own
   * @throws IllegalArgumentException if the structure differs, naming both structures
   */
  default Layer withState(Tree state) {
    return Derived.with(this, state, true);
  }

  /**
   * {@return the output shape for an input shape, with every problem found} The default runs the
   * layer on zeros in evaluation mode; layers override it to check without computing.
   *
   * @param input the shape of an input batch
   */
  default ShapeCheck check(Shape input) {
    try {
      return ShapeCheck.ok(forward(Tensor.zeros(input), Mode.eval()).output().shape());
    } catch (IllegalArgumentException e) {
      return ShapeCheck.problem(input, e.getMessage());
    }
  }

  /**
   * {@return the output in evaluation mode: inference without gradients}
   *
   * @param input the input batch
   */
  default Tensor apply(Tensor input) {
    return forward(input, Mode.eval()).output();
  }

  /**
   * The layers this layer is built from, under the names by which their parameters and state
   * appear in this layer's trees ({@code "0"}, {@code "1"} for a Sequential, {@code "inner"} for
   * a Residual); empty for a layer that wraps no other. It exists so that a network
   * can be walked generically (e.g. by {@code purenet.net.Summary}); it never affects computation.
   * A combinator also reports its children's checks in
   * {@link ShapeCheck#children()} under the same names. Derived from the record's layer
   * components by default (see "Derived trees" above); an {@link Inline @Inline} single layer is
   * listed under its component's name although its parameters sit at this layer's root.
   *
   * @return the child layers by name, in order
   */
  default LinkedHashMap<String, Layer> children() {
    return Derived.children(this);
  }

  /** {@return a short name for summaries and error messages; the class name by default} */
  default String name() {
    return getClass().getSimpleName();
  }
}
