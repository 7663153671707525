package purenet.layer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of a {@link Layer} whose trees appear at the layer's own root instead
 * of under the component's name: for a collection of layers the children are {@code "0"},
 * {@code "1"}, … rather than {@code "layers/0"}, …; for a map of layers they are its keys; for a
 * single wrapped layer its own parameter paths are kept (a transparent wrapper such as
 * {@link ActivityRegularized}: {@code "weight"}, not {@code "inner/weight"}).
 *
 * <p>Only for components that are layers, ordered collections of layers or maps from names to
 * layers. Two components that would put a child under the same name are reported at the first
 * call, naming both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {
}
