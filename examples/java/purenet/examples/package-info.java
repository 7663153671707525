/**
 * Runnable examples. Each has a {@code main} and a pure {@code run(...)} that a test calls on
 * small data, so every build compiles and smoke-runs them.
 */
package purenet.examples;
