/**
 * Splittable, counter-based pseudo-random keys ({@link purenet.random.Key}) and the samplers that
 * take them. There is no global or stored random generator anywhere in purenet.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.random;
