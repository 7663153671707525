package purenet.train;

import io.vavr.control.Option;

/**
 * The outcome of {@link Fit#run}.
 *
 * @param state      the final training state, or the state a stopping callback asked to restore
 * @param history    one record per finished epoch
 * @param stopReason why a callback stopped training early; none if all epochs ran
 */
public record FitResult(TrainState state, History history, Option<String> stopReason) {}
