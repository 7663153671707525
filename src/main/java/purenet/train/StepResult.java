package purenet.train;

/**
 * The result of one {@link TrainStep}.
 *
 * @param state   the state after the step: updated model, optimizer state, step + 1
 * @param metrics what the step measured on its batch
 */
public record StepResult(TrainState state, Metrics metrics) {}
