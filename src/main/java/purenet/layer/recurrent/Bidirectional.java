package purenet.layer.recurrent;

import io.vavr.collection.LinkedHashMap;
import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A bidirectional recurrent layer (Schuster and Paliwal 1997, "Bidirectional recurrent neural
 * networks"): one scan reads the sequence forward, another reads it backward, and step t's output
 * is both hidden states side by side, y_t = [h→_t, h←_t], where h→_t has read x_1 … x_t and h←_t
 * has read x_T … x_t. This is PyTorch's {@code bidirectional=True} output (forward features first).
 *
 * <p>Shapes: input (batch, time, F), output (batch, time, H→ + H←). Backward: the output gradient
 * splits into the two halves; the backward scan's half is reversed in time, run through it, and its
 * input gradient reversed back; ∂L/∂x is the sum of both directions'. Parameters
 * (derived from the two components): {@code forward/…} and {@code backward/…}, each the scan's (for PyTorch, {@code backward/…} holds
 * the {@code _reverse} weights, e.g. {@code weight_ih_l0_reverse}). Both scans run in
 * {@code mode.child(0)} and {@code mode.child(1)}.
 *
 * <p>Neither scan may carry state: the backward direction starts at the end of the sequence, so a
 * state carried from one chunk of a stream to the next has no meaning for it.
 *
 * @param forward  the scan over x_1 … x_T
 * @param backward the scan over x_T … x_1
 */
public record Bidirectional(Scan forward, Scan backward) implements Layer {

  /**
   * Validates that both scans read the same features and carry nothing.
   *
   * @param forward the scan over x_1 … x_T
   * @param backward the scan over x_T … x_1
   */
  public Bidirectional {
    if (forward == null || backward == null) {
      throw new IllegalArgumentException("Bidirectional needs two scans, got " + forward + " and " + backward);
    }
    if (forward.features() != backward.features()) {
      throw new IllegalArgumentException("Bidirectional needs both scans to read the same features, got "
          + forward.features() + " (forward) and " + backward.features() + " (backward)");
    }
    if (forward.carry() != Carry.NONE || backward.carry() != Carry.NONE) {
      throw new IllegalArgumentException("Bidirectional needs scans that carry no state (the backward direction"
          + " starts at each sequence's end), got carry " + forward.carry() + " and " + backward.carry());
    }
  }

  /**
   * Both directions from their cells.
   *
   * @param forward  the cell reading x_1 … x_T
   * @param backward the cell reading x_T … x_1
   * @return the layer
   */
  public static Bidirectional of(Cell forward, Cell backward) {
    return new Bidirectional(Scan.of(forward), Scan.of(backward));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Forward ahead = forward.forward(x, mode.child(0));
    Forward behind = backward.forward(reversed(x), mode.child(1));
    int hf = forward.hiddenSize();
    int hb = backward.hiddenSize();
    Tensor out = Tensor.concat(2, ahead.output(), reversed(behind.output()));
    return new Forward(out, Backward.of(g -> {
      Grads a = ahead.backward().apply(half(g, 0, hf));
      Grads b = behind.backward().apply(reversed(half(g, hf, hf + hb)));
      return new Grads(a.input().add(reversed(b.input())), params(a.params(), b.params()));
    }, g -> params(ahead.backward().paramsOnly(half(g, 0, hf)),
        behind.backward().paramsOnly(reversed(half(g, hf, hf + hb))))), this);
  }

  /** (batch, time, H→ + H←), with the problems of both scans. */
  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck a = forward.check(input);
    ShapeCheck b = backward.check(input);
    Shape out = Shape.of(a.output().dim(0), a.output().dim(1), forward.hiddenSize() + backward.hiddenSize());
    return new ShapeCheck(out, a.problems().map("forward: "::concat).appendAll(b.problems().map("backward: "::concat)),
        LinkedHashMap.of("forward", a, "backward", b));
  }

  private static Tree params(Tree ahead, Tree behind) {
    return Tree.empty().with("forward", ahead).with("backward", behind);
  }

  /** (B, T, F) with the time axis reversed: y[b, t] = x[b, T−1−t]. */
  private static Tensor reversed(Tensor x) {
    int batch = x.dim(0);
    int time = x.dim(1);
    int[] rows = new int[batch * time];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (i / time) * time + time - 1 - i % time;
    }
    return x.reshape(batch * time, x.dim(2)).take(rows).reshape(batch, time, x.dim(2));
  }

  /** Features from … to−1 of a (B, T, H) tensor. */
  private static Tensor half(Tensor g, int from, int to) {
    int batch = g.dim(0);
    int time = g.dim(1);
    return g.reshape(batch * time, g.dim(2)).transpose().slice(from, to).transpose().reshape(batch, time, to - from);
  }
}
