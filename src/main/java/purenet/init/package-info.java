/**
 * Initializers ({@link purenet.init.Initializer}): functions of a key, a shape and its fans that
 * draw a parameter's initial value — {@link purenet.init.Constant} (zeros, ones, a small positive
 * bias for ReLU), {@link purenet.init.Uniform}, {@link purenet.init.Normal},
 * {@link purenet.init.TruncatedNormal}, Xavier/{@link purenet.init.Glorot} and He/Kaiming
 * ({@link purenet.init.He}) in uniform, normal or truncated-normal form with fan-in / fan-out /
 * average mode ({@link purenet.init.FanMode}) and a gain from the {@link purenet.init.Gain} table.
 * {@link purenet.init.Fans} derives fans from dense and convolution kernel shapes.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.init;
