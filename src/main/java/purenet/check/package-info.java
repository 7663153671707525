/**
 * The public gradient checker: compares a layer's (or a model's) backward pass against central
 * finite differences, for the input and every parameter leaf, and reports the worst element of
 * each. Run it on your own layers ({@link purenet.check.GradientCheck}); the shared jqwik layer
 * contract uses it for every layer of the library.
 */
package purenet.check;
