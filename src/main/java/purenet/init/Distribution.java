package purenet.init;

/**
 * The shape of a zero-mean initial distribution; every variant is scaled to the same variance σ²,
 * so a variance-scaling initializer ({@link Glorot}, {@link He}) can use any of them.
 */
public enum Distribution {
  /** U(-√3·σ, √3·σ). */
  UNIFORM,
  /** N(0, σ²). */
  NORMAL,
  /**
   * N(0, s²) truncated to [-2s, 2s], with s = σ/0.8796... so the variance after truncation is σ²
   * (Keras' and JAX's {@code variance_scaling} with {@code truncated_normal}).
   */
  TRUNCATED_NORMAL
}
