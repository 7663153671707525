package purenet.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks, on the driver and before any Spark job starts, that a value can travel to the
 * executors: Java serialization must accept it. A value that cannot is reported with the path of
 * the component that holds the culprit and the culprit's class, e.g.
 * {@code model.layers[1] (record Scaled) component 'f': a lambda defined in my.App (implements
 * java.util.function.DoubleUnaryOperator) is not Serializable}.
 *
 * <p>The walk follows record components, elements of collections, maps and arrays, the captured
 * values of serializable lambdas and the non-static, non-transient fields of other classes. A
 * lambda is serializable when its target interface extends {@link Serializable}, as purenet's
 * {@code Layer}, {@code Loss}, {@code GradientTransform}, {@code Penalties} and {@code Schedule} do;
 * for a JDK interface (a {@code UnaryOperator} constraint, a {@code Predicate} selector) cast it,
 * {@code (UnaryOperator<Tree> & Serializable) t -> ...}, or use a record.
 */
public final class Wire {
  private Wire() {}

  /**
   * Throws unless {@code value} serializes.
   *
   * @param value     what is sent
   * @param component its name in messages, e.g. {@code "model"}
   * @throws IllegalArgumentException naming the component path and class that cannot be serialized
   */
  public static void requireSerializable(Object value, String component) {
    Optional<String> problem = find(value, component, new IdentityHashMap<>());
    if (problem.isPresent()) {
      throw new IllegalArgumentException("cannot send " + component + " to the Spark executors: " + problem.get());
    }
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("cannot send " + component + " to the Spark executors: it holds an instance"
          + " of " + e.getMessage() + ", which is not Serializable", e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot send " + component + " to the Spark executors: serializing it"
          + " failed with " + e, e);
    }
  }

  private static Optional<String> find(Object value, String path, Map<Object, Boolean> seen) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof Enum<?> || seen.put(value, true) != null) {
      return Optional.empty();
    }
    Class<?> type = value.getClass();
    if (!(value instanceof Serializable)) {
      return Optional.of(path + ": " + describe(type) + " is not Serializable");
    }
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        return Optional.empty();
      }
      for (int i = 0; i < Array.getLength(value); i++) {
        Optional<String> p = find(Array.get(value, i), path + "[" + i + "]", seen);
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    if (isLambda(type)) {
      return lambda(value, path, seen);
    }
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        Optional<Object> v = read(c.getAccessor(), value);
        if (v.isPresent()) {
          Optional<String> p = find(v.get(), path + " (record " + type.getSimpleName() + ") component '" + c.getName()
              + "'", seen);
          if (p.isPresent()) {
            return p;
          }
        }
      }
      return Optional.empty();
    }
    if (value instanceof io.vavr.collection.Map<?, ?> map) {
      for (io.vavr.Tuple2<?, ?> e : map) {
        Optional<String> p = find(e._2(), path + "[" + e._1() + "]", seen);
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Optional<String> p = find(e.getValue(), path + "[" + e.getKey() + "]", seen);
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    if (value instanceof Iterable<?> items) {
      int i = 0;
      for (Object item : items) {
        Optional<String> p = find(item, path + "[" + i++ + "]", seen);
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    return fields(value, type, path, seen);
  }

  private static Optional<String> fields(Object value, Class<?> type, String path, Map<Object, Boolean> seen) {
    for (Class<?> c = type; c != null && !c.getName().startsWith("java."); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())
            || f.getType().isPrimitive()) {
          continue;
        }
        Object v;
        try {
          f.setAccessible(true);
          v = f.get(value);
        } catch (RuntimeException | IllegalAccessException e) {
          continue; // a field we may not read is left to the serialization attempt that follows the walk
        }
        Optional<String> p = find(v, path + " (" + type.getSimpleName() + ") field '" + f.getName() + "'", seen);
        if (p.isPresent()) {
          return p;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> lambda(Object value, String path, Map<Object, Boolean> seen) {
    try {
      Method replace = value.getClass().getDeclaredMethod("writeReplace");
      replace.setAccessible(true);
      SerializedLambda s = (SerializedLambda) replace.invoke(value);
      for (int i = 0; i < s.getCapturedArgCount(); i++) {
        Optional<String> p = find(s.getCapturedArg(i), path + " (lambda in "
            + s.getCapturingClass().replace('/', '.') + ") captured value " + i, seen);
        if (p.isPresent()) {
          return p;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not introspectable: the serialization attempt after the walk still checks it.
    }
    return Optional.empty();
  }

  private static Optional<Object> read(Method accessor, Object value) {
    try {
      accessor.setAccessible(true);
      return Optional.ofNullable(accessor.invoke(value));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isLambda(Class<?> type) {
    return type.isSynthetic() && type.getName().contains("$$Lambda");
  }

  private static String describe(Class<?> type) {
    if (isLambda(type)) {
      String name = type.getName();
      String owner = name.substring(0, name.indexOf("$$Lambda"));
      String interfaces = Arrays.stream(type.getInterfaces()).map(Class::getName).collect(Collectors.joining(", "));
      return "a lambda or method reference defined in " + owner + " (implements " + interfaces + ")";
    }
    return "an instance of class " + type.getName();
  }
}
