package purenet.layer;

import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The parameter, state and children trees of a record layer, derived from its components (the
 * rules are stated on {@link Layer}), and its rebuild through the canonical constructor. The
 * reflective work — classifying the components and finding the accessors and the constructor — is
 * done once per class; a layer that is not a record has empty trees and no children.
 */
final class Derived {

  private static final ClassValue<Plan> PLANS = new ClassValue<>() {
    @Override
    protected Plan computeValue(Class<?> type) {
      return plan(type);
    }
  };

  /** Whether a layer's class is a record, cached: Class.isRecord is a native call, and every step asks. */
  private static final ClassValue<Boolean> RECORDS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type.isRecord();
    }
  };

  private Derived() {
  }

  private static boolean isRecord(Layer layer) {
    return RECORDS.get(layer.getClass());
  }

  /** The derived parameters ({@code state == false}) or state of a layer. */
  static Tree tree(Layer layer, boolean state) {
    if (!isRecord(layer)) {
      return Tree.empty();
    }
    Plan plan = PLANS.get(layer.getClass()).require();
    String owner = plan.owner();
    Tree.Node node = Tree.empty();
    for (int i = 0; i < plan.parts().length; i++) {
      node = plan.parts()[i].add(node, plan.get(i, layer), state, owner);
    }
    return node;
  }

  /** The layer with new parameters ({@code state == false}) or state, checked against the current ones. */
  static Layer with(Layer layer, Tree tree, boolean state) {
    Tree current = state ? layer.state() : layer.params();
    current.requireSameStructure(tree, layer.name() + (state ? ".withState" : ".withParams"));
    if (!isRecord(layer) || !Part.hasLeaves(tree)) {
      return layer;
    }
    Plan plan = PLANS.get(layer.getClass()).require();
    Object[] values = new Object[plan.parts().length];
    boolean changed = false;
    for (int i = 0; i < values.length; i++) {
      Object old = plan.get(i, layer);
      values[i] = plan.parts()[i].rebuild(old, tree, state, plan.owner());
      changed |= values[i] != old;
    }
    return changed ? plan.construct(values) : layer;
  }

  /** The derived children of a layer, under their names in its trees. */
  static LinkedHashMap<String, Layer> children(Layer layer) {
    if (!isRecord(layer)) {
      return LinkedHashMap.empty();
    }
    Plan plan = PLANS.get(layer.getClass()).require();
    LinkedHashMap<String, Layer> children = LinkedHashMap.empty();
    for (int i = 0; i < plan.parts().length; i++) {
      children = plan.parts()[i].children(children, plan.get(i, layer));
    }
    return children;
  }

  /**
   * A record class's parts with their accessors and canonical constructor, or the problem that
   * prevents deriving its trees (reported at every call, naming the class and the component).
   */
  private record Plan(String owner, Part[] parts, MethodHandle[] getters, MethodHandle constructor, String problem) {

    Plan require() {
      if (problem != null) {
        throw new IllegalStateException(problem);
      }
      return this;
    }

    Object get(int i, Layer layer) {
      try {
        return (Object) getters[i].invokeExact((Object) layer);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(owner + "." + parts[i].name() + "() failed", e);
      }
    }

    Layer construct(Object[] values) {
      try {
        return (Layer) (Object) constructor.invokeExact(values);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("the canonical constructor of " + owner + " failed", e);
      }
    }
  }

  private static Plan plan(Class<?> type) {
    String owner = type.getSimpleName();
    RecordComponent[] components = type.getRecordComponents();
    Part[] parts = new Part[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        parts[i] = classify(components[i]);
      } catch (IllegalArgumentException e) {
        return new Plan(owner, null, null, null, "cannot derive the trees of " + type.getName() + ": component '"
            + components[i].getName() + "' of type " + components[i].getGenericType().getTypeName() + " " + e.getMessage());
      }
    }
    try {
      MethodHandles.Lookup lookup = lookup(type);
      MethodHandle[] getters = new MethodHandle[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        getters[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
        types[i] = components[i].getType();
      }
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      MethodHandle constructor = lookup.unreflectConstructor(canonical)
          .asSpreader(Object[].class, components.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
      return new Plan(owner, parts, getters, constructor, null);
    } catch (ReflectiveOperationException | SecurityException e) {
      return new Plan(owner, null, null, null, "cannot derive the trees of " + type.getName()
          + ": its accessors and canonical constructor are not accessible to purenet (" + e.getMessage()
          + "); make the record public or open its package");
    }
  }

  private static MethodHandles.Lookup lookup(Class<?> type) throws IllegalAccessException {
    try {
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      return MethodHandles.publicLookup();
    }
  }

  /** The part a component plays; an IllegalArgumentException says why it has none. */
  private static Part classify(RecordComponent c) {
    String name = c.getName();
    Class<?> raw = c.getType();
    Type generic = c.getGenericType();
    boolean state = c.isAnnotationPresent(State.class);
    boolean inline = c.isAnnotationPresent(Inline.class);
    if (inline && state) {
      throw new IllegalArgumentException("is marked both @Inline and @State: a component is either a child or state");
    }
    if (raw == Tensor.class) {
      requireNotInline(inline);
      return new Part.Leaf(name, state);
    }
    if (raw == Option.class && argument(generic, 0) == Tensor.class) {
      requireNotInline(inline);
      return new Part.OptionalLeaf(name, state);
    }
    if (Layer.class.isAssignableFrom(raw)) {
      requireNotState(state);
      return new Part.Child(name, raw, inline);
    }
    Option<Part> collection = collection(name, raw, generic, inline);
    if (collection.isDefined()) {
      requireNotState(state);
      return collection.get();
    }
    if (state) {
      return new Part.HandWritten(name, raw);
    }
    if (inline) {
      throw new IllegalArgumentException("is marked @Inline, which applies only to a layer or a collection of layers");
    }
    requireValue(raw, generic, new HashSet<>());
    return new Part.Fixed(name);
  }

  /** A vavr or java.util list of layers, or a map from names to layers. */
  private static Option<Part> collection(String name, Class<?> raw, Type generic, boolean inline) {
    boolean vavrSeq = io.vavr.collection.Seq.class.isAssignableFrom(raw) || raw == io.vavr.collection.Traversable.class;
    boolean javaList = raw == java.util.List.class || raw == java.util.Collection.class;
    boolean vavrMap = io.vavr.collection.Map.class.isAssignableFrom(raw);
    boolean javaMap = raw == java.util.Map.class;
    if (vavrSeq || javaList) {
      Class<?> element = argument(generic, 0);
      if (element == null || !Layer.class.isAssignableFrom(element)) {
        return Option.none();
      }
      if (javaList) {
        return Option.some(new Part.Layers(name, Part.Sequence.JAVA_LIST, element, inline));
      }
      if (raw.isAssignableFrom(io.vavr.collection.Vector.class)) {
        return Option.some(new Part.Layers(name, Part.Sequence.VAVR_VECTOR, element, inline));
      }
      if (raw == io.vavr.collection.List.class) {
        return Option.some(new Part.Layers(name, Part.Sequence.VAVR_LIST, element, inline));
      }
      throw new IllegalArgumentException("is a collection of layers, but only a Vavr Vector or List, a Seq, or a "
          + "java.util.List keeps their order");
    }
    if (vavrMap || javaMap) {
      Class<?> element = argument(generic, 1);
      if (element == null || !Layer.class.isAssignableFrom(element)) {
        return Option.none();
      }
      if (argument(generic, 0) != String.class) {
        throw new IllegalArgumentException("is a map of layers, whose keys must be the children's names (String)");
      }
      if (javaMap) {
        return Option.some(new Part.Named(name, false, element, inline));
      }
      if (raw.isAssignableFrom(io.vavr.collection.LinkedHashMap.class)) {
        return Option.some(new Part.Named(name, true, element, inline));
      }
      throw new IllegalArgumentException("is a map of layers, but only a Vavr LinkedHashMap (or Map) or a "
          + "java.util.Map keeps their order");
    }
    return Option.none();
  }

  /**
   * Accepts a type as static configuration: primitives and their boxes, strings, enums, shapes and
   * other immutable values, records holding only such values, interfaces (a function, a
   * regularizer) and Vavr's immutable collections of values; rejects arrays, mutable classes, and
   * tensors or layers hidden where no tree can reach them.
   */
  private static void requireValue(Class<?> raw, Type generic, Set<Class<?>> seen) {
    if (raw.isArray()) {
      throw new IllegalArgumentException("is an array, which is mutable: use a Tensor (a parameter) or a Vavr "
          + "Vector (configuration)");
    }
    if (raw == Tree.class || Tree.class.isAssignableFrom(raw)) {
      throw new IllegalArgumentException("is a Tree: hold its tensors as Tensor components, or write params() and "
          + "withParams by hand");
    }
    if (raw.isPrimitive() || raw.isEnum() || raw == String.class || raw == Boolean.class || raw == Character.class
        || raw == Byte.class || raw == Short.class || raw == Integer.class || raw == Long.class
        || raw == Float.class || raw == Double.class || raw == Shape.class || raw == BigInteger.class
        || raw == BigDecimal.class || raw == Class.class) {
      return;
    }
    if (raw.getPackageName().equals("io.vavr.collection") || raw == Option.class) {
      requireArguments(generic, seen);
      return;
    }
    if (java.util.Collection.class.isAssignableFrom(raw) || java.util.Map.class.isAssignableFrom(raw)
        || java.util.Iterator.class.isAssignableFrom(raw)) {
      throw new IllegalArgumentException("is a java.util collection of values, which may be mutated: use a Vavr "
          + "collection");
    }
    if (raw.isRecord()) {
      if (seen.add(raw)) {
        for (RecordComponent inner : raw.getRecordComponents()) {
          if (inner.getType() == Tensor.class || Layer.class.isAssignableFrom(inner.getType())) {
            throw new IllegalArgumentException("is a record holding a " + inner.getType().getSimpleName() + " ('"
                + inner.getName() + "') that no derived tree would reach: make it a Layer, mark it @State and "
                + "write state() and withState(Tree), or hold the tensor directly");
          }
          requireValue(inner.getType(), inner.getGenericType(), seen);
        }
      }
      return;
    }
    if (raw.isInterface()) {
      return;
    }
    throw new IllegalArgumentException("cannot be classified: expected a Tensor, an Option<Tensor>, a Layer, a "
        + "collection of layers, or an immutable value (a primitive, String, enum, record or interface); a "
        + "mutable object would make the layer mutable");
  }

  private static void requireArguments(Type generic, Set<Class<?>> seen) {
    if (generic instanceof ParameterizedType p) {
      for (Type t : p.getActualTypeArguments()) {
        Class<?> c = erase(t);
        if (c == Tensor.class || (c != null && Layer.class.isAssignableFrom(c))) {
          throw new IllegalArgumentException("holds " + c.getSimpleName() + " values in a way no derived tree "
              + "reaches: hold tensors as Tensor components, layers in a list or map of layers");
        }
        if (c != null && c != Object.class) {
          requireValue(c, t, seen);
        }
      }
    }
  }

  private static void requireNotInline(boolean inline) {
    if (inline) {
      throw new IllegalArgumentException("is marked @Inline, which applies only to a layer or a collection of layers");
    }
  }

  private static void requireNotState(boolean state) {
    if (state) {
      throw new IllegalArgumentException("is marked @State, but a child layer keeps its own state: mark the "
          + "tensors inside it instead");
    }
  }

  /** The erasure of type argument {@code i} of a parameterized type, or null if raw. */
  private static Class<?> argument(Type generic, int i) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return erase(p.getActualTypeArguments()[i]);
    }
    return null;
  }

  private static Class<?> erase(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof WildcardType w) {
      return erase(w.getUpperBounds()[0]);
    }
    if (t instanceof TypeVariable<?> v) {
      return erase(v.getBounds()[0]);
    }
    if (t instanceof GenericArrayType) {
      return Object[].class;
    }
    return null;
  }
}
