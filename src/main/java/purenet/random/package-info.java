/**
 * Splittable, counter-based pseudo-random keys ({@link purenet.random.Key}) and the samplers that
 * take them. There is no global or stored random generator anywhere in purenet.
 */
package purenet.random;
