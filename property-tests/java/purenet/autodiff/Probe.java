package purenet.autodiff;

import java.util.function.BiFunction;
import purenet.layer.Layer;
import purenet.tree.Tree;

/**
 * One operation under test as an {@link ExpressionLayer}: the input is the first operand and the
 * leaves of {@code operands} the others, so that the library's gradient checker compares the
 * pullback of every operand with central differences.
 *
 * @param name     the operation, for messages
 * @param operands further operands, by name
 * @param op       the operation on (input, operands)
 */
record Probe(String name, Tree operands, BiFunction<Expr, Params, Expr> op) implements ExpressionLayer {

  /** A probe of a one-operand operation. */
  static Probe unary(String name, java.util.function.UnaryOperator<Expr> op) {
    return new Probe(name, Tree.empty(), (x, p) -> op.apply(x));
  }

  @Override
  public Expr expression(Expr input, Params params) {
    return op.apply(input, params);
  }

  @Override
  public Tree params() {
    return operands;
  }

  @Override
  public Layer withParams(Tree params) {
    operands.requireSameStructure(params, name + ".withParams");
    return new Probe(name, params, op);
  }
}
