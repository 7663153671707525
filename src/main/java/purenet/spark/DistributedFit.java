package purenet.spark;

import io.vavr.collection.Vector;
import purenet.train.Metrics;
import purenet.train.TrainState;

/**
 * The outcome of a distributed training.
 *
 * @param state   the state after the last step, on the driver
 * @param metrics the metrics of every global step, in order, each over the whole global batch
 * @param timing  where the time went
 */
public record DistributedFit(TrainState state, Vector<Metrics> metrics, Timing timing) {}
