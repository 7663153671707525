package purenet.train;

import java.io.Serializable;
import purenet.layer.Layer;
import purenet.optim.GradientTransform;
import purenet.random.Key;
import purenet.tree.Tree;

/**
 * Everything training changes, as one value: the model, the optimizer's state, the number of
 * steps taken and the base key from which each step's randomness is derived.
 *
 * <p>Step t runs the model in {@code Mode.train(key.foldIn(t))} (see {@link #stepKey()}), so a
 * state replayed from the same values gives bit-identical results, and a checkpointed state
 * resumes the very same random stream.
 *
 * @param model          the model, with its current parameters and non-trainable state
 * @param optimizerState the optimizer's state, as made by {@code GradientTransform.init}
 * @param step           the number of steps taken so far (≥ 0); the next step has this number
 * @param key            the base key; never changes during training
 */
public record TrainState(Layer model, Tree optimizerState, long step, Key key) implements Serializable {

  /**
   * Validates the components.
   *
   * @param model the model, with its current parameters and non-trainable state
   * @param optimizerState the optimizer's state, as made by {@code GradientTransform.init}
   * @param step the number of steps taken so far (≥ 0); the next step has this number
   * @param key the base key; never changes during training
   */
  public TrainState {
    if (model == null || optimizerState == null || key == null) {
      throw new IllegalArgumentException("TrainState needs a model, an optimizer state and a key, got "
          + model + ", " + optimizerState + ", " + key);
    }
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }

  /**
   * {@return the state before the first step: step 0 and {@code optimizer.init(model.params())}}
   *
   * @param model the model with its initial parameters
   * @param optimizer the optimizer, whose initial state is created
   * @param key the key of the run
   */
  public static TrainState init(Layer model, GradientTransform optimizer, Key key) {
    return new TrainState(model, optimizer.init(model.params()), 0, key);
  }

  /** {@return the model's trainable parameters} */
  public Tree params() {
    return model.params();
  }

  /** {@return the key of the next step: {@code key.foldIn(step)}} */
  public Key stepKey() {
    return key.foldIn(step);
  }
}
