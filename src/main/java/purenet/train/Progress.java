package purenet.train;

/** How much {@link Fit} prints. */
public enum Progress {
  /** Nothing. */
  NONE,
  /** One line per epoch: losses, accuracies, time and throughput. */
  EPOCHS,
  /** The epoch lines, plus a line within each epoch rewritten in place ({@code \r}) as batches finish. */
  LIVE
}
