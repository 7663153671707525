package purenet.init;

/** The shape of a zero-mean initial distribution; both variants are scaled to the same variance. */
public enum Distribution {
  /** U(-√3·σ, √3·σ). */
  UNIFORM,
  /** N(0, σ²). */
  NORMAL
}
