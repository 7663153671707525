package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.testkit.TensorArbitraries.modes;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.GradientCheck;
import purenet.check.GradientReport;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.loss.MultiTaskLoss;
import purenet.loss.SquaredError;
import purenet.loss.Task;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * {@link Heads}: a random smooth trunk (Dense + tanh, sigmoid or identity) with one to three
 * smooth heads of widths 1..8 passes the layer contract; its output is the concatenation of the
 * heads on the trunk's output and its gradients are the hand-built chain rule, exactly (both sides
 * add the same terms in the same order); {@code widths} and {@code check} report the heads.
 */
class HeadsProperties implements LayerContract {

  /** A trunk width, head widths and the activations, drawn by jqwik; the weights from a key. */
  record Spec(int batch, int in, int hidden, List<Integer> widths, List<Blocks.Activation> acts, long seed) {

    Heads heads() {
      Key[] k = Key.of(seed).split(widths.size() + 1);
      Heads h = Heads.of(Blocks.block(in, hidden, acts.get(0), k[0]), "h0",
          Blocks.block(hidden, widths.get(0), acts.get(1), k[1]));
      for (int i = 1; i < widths.size(); i++) {
        h = h.and("h" + i, Blocks.block(hidden, widths.get(i), acts.get(i + 1), k[i + 1]));
      }
      return h;
    }

    Tensor input() {
      return Blocks.normal(Key.of(seed).foldIn(99), batch, in);
    }
  }

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 8);
    Arbitrary<Blocks.Activation> smooth =
        Arbitraries.of(Blocks.Activation.TANH, Blocks.Activation.SIGMOID, Blocks.Activation.IDENTITY);
    return Combinators.combine(dim, dim, dim, dim.list().ofMinSize(1).ofMaxSize(3), Arbitraries.longs())
        .flatAs((b, in, hidden, widths, seed) -> smooth.list().ofSize(widths.size() + 1)
            .map(acts -> new Spec(b, in, hidden, widths, acts, seed)));
  }

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(specs(), modes()).as((s, mode) -> new LayerCase(s.heads(), s.input(), mode));
  }

  @Property(tries = 200)
  void outputIsTheConcatenationOfTheHeadsOnTheTrunk(@ForAll("specs") Spec s) {
    Heads h = s.heads();
    Tensor x = s.input();
    Tensor trunk = h.trunk().apply(x);
    Tensor[] outputs = h.heads().values().map(head -> head.apply(trunk)).toJavaArray(Tensor[]::new);
    assertEquals(Tensor.concat(-1, outputs), h.apply(x));
  }

  @Property(tries = 200)
  void gradientsAreTheChainRuleThroughTheSharedTrunk(@ForAll("specs") Spec s, @ForAll long seed) {
    Heads h = s.heads();
    Tensor x = s.input();
    int total = s.widths().stream().mapToInt(Integer::intValue).sum();
    Tensor g = Blocks.normal(Key.of(seed), s.batch(), total);
    Forward t = h.trunk().forward(x, Mode.eval());
    Tensor trunkGrad = null;
    int offset = 0;
    Grads all = h.forward(x, Mode.eval()).backward().apply(g);
    for (int i = 0; i < s.widths().size(); i++) {
      int w = s.widths().get(i);
      int from = offset;
      Tensor gi = Tensor.generate(Shape.of(s.batch(), w), k -> g.get(k / w, from + k % w));
      Grads hi = h.heads().get("h" + i).get().forward(t.output(), Mode.eval()).backward().apply(gi);
      assertEquals(hi.params().flatten(), all.params().child("h" + i).flatten());
      trunkGrad = trunkGrad == null ? hi.input() : trunkGrad.add(hi.input());
      offset += w;
    }
    Grads tg = t.backward().apply(trunkGrad);
    assertEquals(tg.input(), all.input());
    assertEquals(tg.params().flatten(), all.params().child(Heads.TRUNK).flatten());
  }

  @Property(tries = 200)
  void widthsAndCheckReportTheHeads(@ForAll("specs") Spec s) {
    Heads h = s.heads();
    Shape in = s.input().shape();
    Vector<Integer> widths = Vector.ofAll(s.widths());
    assertEquals(LinkedHashMap.ofEntries(h.names().zip(widths)), h.widths(in));
    assertEquals(Shape.of(s.batch(), widths.sum().intValue()), h.check(in).output());
    assertEquals(Vector.of(Heads.TRUNK).appendAll(h.names()), h.children().keySet().toVector());
    assertEquals(h.params().paths().filter(p -> p.startsWith("h0/")), h.heads().get("h0").get().params().paths().map("h0/"::concat));
  }

  /**
   * Heads trained on a {@link MultiTaskLoss} of one squared-error task per head (weights 1, ½,
   * ¼) pass the whole-model gradient check (tolerance 1e-6, as the layer contract's).
   */
  @Property(tries = 200)
  void withMultiTaskLossPassesTheModelGradientCheck(@ForAll("specs") Spec s, @ForAll long seed) {
    Heads h = s.heads();
    Vector<Task> tasks = h.names().zipWithIndex().map(p -> new Task(p._1, h.widths(s.input().shape()).get(p._1).get(),
        SquaredError.mean(), Math.pow(0.5, p._2)));
    MultiTaskLoss loss = new MultiTaskLoss(tasks);
    Tensor target = Blocks.normal(Key.of(seed), s.batch(), loss.width());
    GradientReport report = GradientCheck.standard().model(h, loss, s.input(), target, Mode.eval());
    if (!report.passes(1e-6)) {
      throw new AssertionError(report.toString());
    }
  }
}
