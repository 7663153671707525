package purenet.autodiff;

import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import purenet.tensor.Tensor;

/**
 * Reverse-mode differentiation of an expression DAG. One pass: order the nodes reachable from the
 * root so that every node follows its inputs (iterative depth-first post-order), mark the nodes
 * from which a requested expression is reachable, then walk the order backwards, pulling each
 * marked operation back once and summing the gradients that reach a node along different edges.
 * Time and memory are linear in the number of nodes and edges; the maps are local to the call.
 */
final class Backprop {
  private Backprop() {}

  static Gradients run(Expr root, Tensor outputGrad, List<Expr> wrt) {
    if (!outputGrad.shape().equals(root.shape())) {
      throw new IllegalArgumentException("the output gradient must have the root's shape " + root.shape()
          + " (" + root.op() + "), got " + outputGrad.shape());
    }
    List<Expr> order = topologicalOrder(root);
    IdentityHashMap<Expr, Integer> position = new IdentityHashMap<>(order.size() * 2);
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    boolean[] requested = new boolean[order.size()];
    for (Expr e : wrt) {
      Integer p = position.get(e);
      if (p != null) {
        requested[p] = true;
      }
    }
    boolean[] relevant = new boolean[order.size()];
    for (int i = 0; i < order.size(); i++) {
      boolean r = requested[i];
      for (Expr in : order.get(i).inputList()) {
        r |= relevant[position.get(in)];
      }
      relevant[i] = r;
    }
    Tensor[] grad = new Tensor[order.size()];
    double[][] scratch = new double[order.size()][];
    grad[order.size() - 1] = outputGrad;
    int pullbacks = 0;
    for (int i = order.size() - 1; i >= 0; i--) {
      Expr node = order.get(i);
      List<Expr> inputs = node.inputList();
      settle(grad, scratch, i, node);
      if (!relevant[i] || inputs.isEmpty() || grad[i] == null) {
        continue;
      }
      if (node.pullback() instanceof SlicePullback slice) {
        int p = position.get(inputs.get(0));
        if (relevant[p]) {
          if (scratch[p] == null) {
            scratch[p] = new double[inputs.get(0).shape().size()];
          }
          slice.accumulate(grad[i], scratch[p]);
        }
        pullbacks++;
        grad[i] = requested[i] ? grad[i] : null;
        continue;
      }
      boolean[] wanted = new boolean[inputs.size()];
      for (int j = 0; j < wanted.length; j++) {
        wanted[j] = relevant[position.get(inputs.get(j))];
      }
      Tensor[] pulled = node.pullback().apply(grad[i], wanted);
      pullbacks++;
      if (pulled == null || pulled.length != inputs.size()) {
        throw new IllegalStateException("the pullback of " + node.op() + " must return " + inputs.size()
            + " gradients, got " + (pulled == null ? "null" : pulled.length));
      }
      for (int j = 0; j < wanted.length; j++) {
        if (!wanted[j]) {
          continue;
        }
        Expr in = inputs.get(j);
        Tensor g = pulled[j];
        if (g == null || !g.shape().equals(in.shape())) {
          throw new IllegalStateException("the pullback of " + node.op() + " returned for input " + j + " a gradient of shape "
              + (g == null ? "null" : g.shape()) + ", expected the input's shape " + in.shape());
        }
        int p = position.get(in);
        grad[p] = grad[p] == null ? g : grad[p].add(g);
      }
      if (!requested[i]) {
        grad[i] = null; // released: nothing reads it again, and a long chain should not hold them all
      }
    }
    Vector<Tensor> values = Vector.empty();
    for (Expr e : wrt) {
      Integer p = position.get(e);
      if (p != null) {
        settle(grad, scratch, p, e);
      }
      values = values.append(p == null || grad[p] == null ? Tensor.zeros(e.shape()) : grad[p]);
    }
    return new Gradients(values, pullbacks);
  }

  /** Folds the slices' scratch array of node {@code i}, if any, into its gradient. */
  private static void settle(Tensor[] grad, double[][] scratch, int i, Expr node) {
    if (scratch[i] != null) {
      Tensor sliced = Tensor.of(scratch[i], node.shape());
      grad[i] = grad[i] == null ? sliced : grad[i].add(sliced);
      scratch[i] = null;
    }
  }

  /** The nodes reachable from {@code root}, each after all of its inputs; the root comes last. */
  static List<Expr> topologicalOrder(Expr root) {
    List<Expr> order = new ArrayList<>();
    IdentityHashMap<Expr, Boolean> seen = new IdentityHashMap<>();
    ArrayList<Expr> stack = new ArrayList<>();
    ArrayList<Integer> next = new ArrayList<>();
    stack.add(root);
    next.add(0);
    seen.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Expr node = stack.get(top);
      int k = next.get(top);
      List<Expr> inputs = node.inputList();
      if (k < inputs.size()) {
        next.set(top, k + 1);
        Expr in = inputs.get(k);
        if (seen.put(in, Boolean.TRUE) == null) {
          stack.add(in);
          next.add(0);
        }
      } else {
        order.add(node);
        stack.remove(top);
        next.remove(top);
      }
    }
    return order;
  }
}
