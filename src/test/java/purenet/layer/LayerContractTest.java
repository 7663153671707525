package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tree.Tree;

/** Each law of {@link LayerContract} rejects a layer that breaks it and accepts a correct one. */
class LayerContractTest {

  enum Flaw { NONE, INPUT_GRADIENT_DOUBLED, BIAS_GRADIENT_NEGATED, NONDETERMINISTIC, WITH_PARAMS_DROPS_BIAS,
    NONLINEAR_BACKWARD, ACCUMULATING_BACKWARD, WRONG_SHAPE_CHECK, EVAL_MOVES_PARAMS, PARAMS_ONLY_DIFFERS }

  private static final AtomicInteger CALLS = new AtomicInteger();

  /** A Dense layer with one deliberate flaw. */
  record Flawed(Dense dense, Flaw flaw) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      Forward f = dense.forward(input, mode);
      Tensor out = flaw == Flaw.NONDETERMINISTIC ? f.output().add(CALLS.incrementAndGet() * 1e-3) : f.output();
      double[] accumulated = new double[input.size()];
      Layer next = flaw == Flaw.EVAL_MOVES_PARAMS && !mode.isTraining() ? new Flawed(dense.withBias(1), flaw) : this;
      return new Forward(out, Backward.of(g -> {
        Grads right = f.backward().apply(g);
        Tensor input1 = right.input();
        Tree params = right.params();
        switch (flaw) {
          case INPUT_GRADIENT_DOUBLED -> input1 = input1.mul(2);
          case BIAS_GRADIENT_NEGATED -> params = params.mapWhere(p -> p.equals("bias"), Tensor::neg);
          case NONLINEAR_BACKWARD -> input1 = dense.forward(input, mode).backward().apply(g.mul(g)).input();
          case ACCUMULATING_BACKWARD -> {
            for (int i = 0; i < accumulated.length; i++) {
              accumulated[i] += input1.at(i);
            }
            input1 = Tensor.of(accumulated, input.shape());
          }
          default -> { }
        }
        return new Grads(input1, params);
      }, g -> {
        Tree params = f.backward().apply(g).params();
        return flaw == Flaw.PARAMS_ONLY_DIFFERS ? params.scale(1 + 1e-15) : params;
      }), next, 0);
    }

    @Override
    public Tree params() {
      return dense.params();
    }

    @Override
    public Layer withParams(Tree params) {
      Dense d = (Dense) dense.withParams(params);
      return new Flawed(flaw == Flaw.WITH_PARAMS_DROPS_BIAS ? d.withoutBias().withBias(0) : d, flaw);
    }

    @Override
    public ShapeCheck check(Shape input) {
      ShapeCheck right = dense.check(input);
      return flaw == Flaw.WRONG_SHAPE_CHECK ? ShapeCheck.ok(input) : right;
    }
  }

  private static LayerContract contract(Flaw flaw) {
    return () -> Arbitraries.just(flawedCase(flaw));
  }

  private static LayerCase flawedCase(Flaw flaw) {
    Dense dense = Dense.of(Tensor.of(Key.of(1).uniform(12, -1, 1), 3, 4), Tensor.of(Key.of(2).uniform(4, -1, 1), 4));
    return new LayerCase(new Flawed(dense, flaw), Tensor.of(Key.of(3).uniform(6, -2, 2), 2, 3), Mode.train(Key.of(4)));
  }

  @Test
  void everyLawAcceptsACorrectLayer() {
    LayerContract c = contract(Flaw.NONE);
    LayerCase k = flawedCase(Flaw.NONE);
    assertDoesNotThrow(() -> c.inputGradientMatchesFiniteDifferences(k, 5));
    assertDoesNotThrow(() -> c.parameterGradientsMatchFiniteDifferences(k, 5));
    assertDoesNotThrow(() -> c.forwardAndBackwardAreDeterministic(k, 5));
    assertDoesNotThrow(() -> c.withParamsAndWithStateRoundTrip(k));
    assertDoesNotThrow(() -> c.backwardIsAffineInTheOutputGradient(k, 5, 0.7, -1.3));
    assertDoesNotThrow(() -> c.paramsOnlyEqualsTheFullBackward(k, 5));
    assertDoesNotThrow(() -> c.shapeCheckAgreesWithForward(k));
    assertDoesNotThrow(() -> c.evaluationNeverChangesState(k));
  }

  @Test
  void gradientLawsRejectWrongGradientsAtTheirPath() {
    LayerCase doubled = flawedCase(Flaw.INPUT_GRADIENT_DOUBLED);
    assertThrows(AssertionError.class, () -> contract(Flaw.NONE).inputGradientMatchesFiniteDifferences(doubled, 5));
    assertDoesNotThrow(() -> contract(Flaw.NONE).parameterGradientsMatchFiniteDifferences(doubled, 5));
    LayerCase negated = flawedCase(Flaw.BIAS_GRADIENT_NEGATED);
    AssertionError e = assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).parameterGradientsMatchFiniteDifferences(negated, 5));
    assertTrue(e.getMessage().startsWith("law 'parameter gradients equal central differences' FAILS for Flawed at 'bias' ["),
        e.getMessage());
    assertTrue(e.getMessage().contains("analytic (backward pass)"), e.getMessage());
    assertDoesNotThrow(() -> contract(Flaw.NONE).inputGradientMatchesFiniteDifferences(negated, 5));
  }

  @Test
  void determinismRejectsALayerWhoseOutputChangesBetweenRuns() {
    assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).forwardAndBackwardAreDeterministic(flawedCase(Flaw.NONDETERMINISTIC), 5));
  }

  @Test
  void roundTripRejectsAWithParamsThatLosesAParameter() {
    assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).withParamsAndWithStateRoundTrip(flawedCase(Flaw.WITH_PARAMS_DROPS_BIAS)));
  }

  @Test
  void affinityRejectsANonlinearBackward() {
    assertThrows(AssertionError.class, () -> contract(Flaw.NONE)
        .backwardIsAffineInTheOutputGradient(flawedCase(Flaw.NONLINEAR_BACKWARD), 5, 0.7, -1.3));
  }

  @Test
  void purityRejectsABackwardThatAccumulates() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).forwardAndBackwardAreDeterministic(flawedCase(Flaw.ACCUMULATING_BACKWARD), 5));
    assertTrue(e.getMessage().contains("'input'"), e.getMessage());
  }

  @Test
  void paramsOnlyLawRejectsADifferentShortcut() {
    assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).paramsOnlyEqualsTheFullBackward(flawedCase(Flaw.PARAMS_ONLY_DIFFERS), 5));
  }

  @Test
  void evaluationLawRejectsALayerThatMovesInEvaluation() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).evaluationNeverChangesState(flawedCase(Flaw.EVAL_MOVES_PARAMS)));
    assertTrue(e.getMessage().contains("evaluation mode never changes state") && e.getMessage().contains("'params/bias'"),
        e.getMessage());
  }

  @Test
  void shapeLawRejectsAWrongPrediction() {
    assertThrows(AssertionError.class,
        () -> contract(Flaw.NONE).shapeCheckAgreesWithForward(flawedCase(Flaw.WRONG_SHAPE_CHECK)));
  }
}
