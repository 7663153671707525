package purenet.layer;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * How one record component of a layer takes part in the trees derived for it (see {@link Layer}):
 * a leaf, an optional leaf, a child layer, an ordered collection or a named map of child layers,
 * static configuration, or state the layer writes by hand.
 */
sealed interface Part {

  /** The record component's name. */
  String name();

  /**
   * {@code node} with this component's share of the parameter tree ({@code state == false}) or of
   * the state tree ({@code state == true}) added; {@code owner} names the layer in errors.
   */
  Tree.Node add(Tree.Node node, Object value, boolean state, String owner);

  /**
   * The component's value in the layer rebuilt from {@code tree}, which has already been checked
   * to have the structure of the layer's current tree.
   */
  Object rebuild(Object value, Tree tree, boolean state, String owner);

  /** {@code children} with the layers this component holds added under their names in the trees. */
  LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value);

  /** A {@code Tensor}: the leaf {@link #name()} of the parameters, or of the state if marked. */
  record Leaf(String name, boolean isState) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      return state == isState ? put(node, name, Tree.leaf((Tensor) value), owner, name) : node;
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      return state == isState ? tree.tensor(name) : value;
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      return children;
    }
  }

  /** An {@code Option<Tensor>}: a leaf when present, nothing when absent. */
  record OptionalLeaf(String name, boolean isState) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      Option<?> option = (Option<?>) value;
      return state == isState && option.isDefined() ? put(node, name, Tree.leaf((Tensor) option.get()), owner, name) : node;
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      Option<?> option = (Option<?>) value;
      if (state != isState || option.isEmpty()) {
        return value;
      }
      Tensor given = tree.tensor(name);
      return given == option.get() ? value : Option.of(given);
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      return children;
    }
  }

  /**
   * A layer: its trees under {@link #name()}, or merged into the owner's root when inline;
   * rebuilt through its own {@code withParams}/{@code withState}, whose result must still fit the
   * component's declared {@code type}.
   */
  record Child(String name, Class<?> type, boolean inline) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      Tree sub = tree((Layer) value, state);
      return inline ? merge(node, sub, owner, name) : put(node, name, sub, owner, name);
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      Layer layer = (Layer) value;
      Tree sub = inline ? restrict(tree, tree(layer, state)) : at(tree, name);
      return replace(layer, sub, state, type, owner + "." + name);
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      return children.put(name, (Layer) value);
    }
  }

  /** The kinds of ordered collection of layers, each rebuilt as the same kind. */
  enum Sequence {
    /** A Vavr {@code Vector} (or a supertype such as {@code Seq}). */
    VAVR_VECTOR,
    /** A Vavr {@code List}. */
    VAVR_LIST,
    /** A {@code java.util.List}, rebuilt unmodifiable. */
    JAVA_LIST
  }

  /** An ordered collection of layers: children {@code "0"}, {@code "1"}, … (under the name unless inline). */
  record Layers(String name, Sequence kind, Class<?> element, boolean inline) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      Tree.Node sub = Tree.empty();
      int i = 0;
      for (Object layer : (Iterable<?>) value) {
        sub = sub.with(String.valueOf(i++), tree((Layer) layer, state));
      }
      return inline ? merge(node, sub, owner, name) : put(node, name, sub, owner, name);
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      Tree sub = inline ? tree : at(tree, name);
      List<Layer> out = new ArrayList<>();
      boolean changed = false;
      int i = 0;
      for (Object layer : (Iterable<?>) value) {
        String key = String.valueOf(i++);
        Layer next = replace((Layer) layer, at(sub, key), state, element, owner + "." + name + "[" + key + "]");
        changed |= next != layer;
        out.add(next);
      }
      if (!changed) {
        return value;
      }
      return switch (kind) {
        case VAVR_VECTOR -> Vector.ofAll(out);
        case VAVR_LIST -> io.vavr.collection.List.ofAll(out);
        case JAVA_LIST -> Collections.unmodifiableList(out);
      };
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      int i = 0;
      for (Object layer : (Iterable<?>) value) {
        String key = String.valueOf(i++);
        children = children.put(inline ? key : name + "/" + key, (Layer) layer);
      }
      return children;
    }
  }

  /** A map from names to layers, in its order: children named by the keys (under the name unless inline). */
  record Named(String name, boolean vavr, Class<?> element, boolean inline) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      Tree.Node sub = Tree.empty();
      for (Tuple2<String, Layer> e : entries(value)) {
        sub = sub.with(e._1, tree(e._2, state));
      }
      return inline ? merge(node, sub, owner, name) : put(node, name, sub, owner, name);
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      Tree sub = inline ? tree : at(tree, name);
      Vector<Tuple2<String, Layer>> out = entries(value).map(e ->
          new Tuple2<>(e._1, replace(e._2, at(sub, e._1), state, element, owner + "." + name + "[" + e._1 + "]")));
      if (entries(value).zip(out).forAll(p -> p._1._2 == p._2._2)) {
        return value;
      }
      if (vavr) {
        return LinkedHashMap.ofEntries(out);
      }
      Map<String, Layer> map = new java.util.LinkedHashMap<>();
      out.forEach(e -> map.put(e._1, e._2));
      return Collections.unmodifiableMap(map);
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      for (Tuple2<String, Layer> e : entries(value)) {
        children = children.put(inline ? e._1 : name + "/" + e._1, e._2);
      }
      return children;
    }

    private Vector<Tuple2<String, Layer>> entries(Object value) {
      if (vavr) {
        Vector<Tuple2<String, Layer>> out = Vector.empty();
        for (Object e : (Iterable<?>) value) {
          Tuple2<?, ?> t = (Tuple2<?, ?>) e;
          out = out.append(new Tuple2<>((String) t._1, (Layer) t._2));
        }
        return out;
      }
      return Vector.ofAll(((Map<?, ?>) value).entrySet()).map(e -> new Tuple2<>((String) e.getKey(), (Layer) e.getValue()));
    }
  }

  /** Static configuration (a number, a string, an enum, an immutable value): in no tree, kept as is. */
  record Fixed(String name) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      return node;
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      return value;
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      return children;
    }
  }

  /**
   * State of a type without a derived tree, marked {@link State}: outside the parameters, and an
   * error if the derived {@code state()} or {@code withState} is reached (the layer must write both).
   */
  record HandWritten(String name, Class<?> type) implements Part {
    @Override
    public Tree.Node add(Tree.Node node, Object value, boolean state, String owner) {
      if (state) {
        throw unsupported(owner);
      }
      return node;
    }

    @Override
    public Object rebuild(Object value, Tree tree, boolean state, String owner) {
      if (state) {
        throw unsupported(owner);
      }
      return value;
    }

    @Override
    public LinkedHashMap<String, Layer> children(LinkedHashMap<String, Layer> children, Object value) {
      return children;
    }

    private IllegalStateException unsupported(String owner) {
      return new IllegalStateException(owner + "." + name + " is @State of type " + type.getSimpleName()
          + ", which has no derived tree: " + owner + " must override state() and withState(Tree)");
    }
  }

  // ---------------------------------------------------------------- shared by the parts

  private static Tree tree(Layer layer, boolean state) {
    return state ? layer.state() : layer.params();
  }

  /** The child {@code key} of a tree; a child without leaves may be absent. */
  private static Tree at(Tree tree, String key) {
    return tree.get(key).getOrElse(Tree.empty());
  }

  /** The children of {@code tree} under the top-level names of {@code like}: an inline layer's share. */
  private static Tree restrict(Tree tree, Tree like) {
    Tree.Node out = Tree.empty();
    if (like instanceof Tree.Node node) {
      for (String key : node.children().keysIterator()) {
        out = out.with(key, at(tree, key));
      }
    }
    return out;
  }

  private static Tree.Node put(Tree.Node node, String key, Tree sub, String owner, String component) {
    if (node.children().containsKey(key)) {
      throw new IllegalStateException(owner + ": component '" + component + "' puts '" + key
          + "' into a tree where another component already put it");
    }
    return node.with(key, sub);
  }

  private static Tree.Node merge(Tree.Node node, Tree sub, String owner, String component) {
    if (!(sub instanceof Tree.Node inner)) {
      throw new IllegalStateException(owner + ": the @Inline component '" + component
          + "' has a single leaf as its tree, which cannot be merged into named children");
    }
    Tree.Node out = node;
    for (Tuple2<String, Tree> child : inner.children()) {
      out = put(out, child._1, child._2, owner, component);
    }
    return out;
  }

  /** Whether a tree has at least one leaf (cheaper than counting them). */
  static boolean hasLeaves(Tree tree) {
    if (tree instanceof Tree.Leaf) {
      return true;
    }
    for (Tree child : ((Tree.Node) tree).children().values()) {
      if (hasLeaves(child)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The layer with its new tree; unchanged (the very same value) when the tree has no leaves. The
   * result must fit the component's declared type, else the owner cannot be rebuilt.
   */
  private static Layer replace(Layer layer, Tree sub, boolean state, Class<?> type, String where) {
    // The owner checked the whole tree's structure, so a share without leaves means a child without any.
    if (!hasLeaves(sub)) {
      return layer;
    }
    Layer out = state ? layer.withState(sub) : layer.withParams(sub);
    if (!type.isInstance(out)) {
      throw new IllegalStateException(where + " is declared " + type.getSimpleName() + ", but "
          + layer.name() + (state ? ".withState" : ".withParams") + " returned a " + out.getClass().getSimpleName());
    }
    return out;
  }
}
