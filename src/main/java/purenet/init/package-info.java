/**
 * Initializers ({@link purenet.init.Initializer}): functions of a key, a shape and its fans that
 * draw a parameter's initial value (constant, Glorot/Xavier, He/Kaiming).
 */
package purenet.init;
