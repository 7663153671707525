package purenet.layer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of a {@link Layer} as non-trainable state: a {@code Tensor} or
 * {@code Option<Tensor>} so marked is a leaf of {@link Layer#state()} (running statistics, a carried
 * hidden state) instead of {@link Layer#params()}, and {@link Layer#withState} replaces it.
 *
 * <p>A component of any other type may carry the mark only in a layer that writes
 * {@code state()} and {@code withState} itself: the derived trees leave it out of the parameters
 * and keep it when the parameters change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface State {
}
