/**
 * Combinators that build networks from layers, each itself a {@link purenet.layer.Layer}:
 * {@link purenet.net.Sequential} and friends, and the model {@link purenet.net.Summary}.
 */
package purenet.net;
