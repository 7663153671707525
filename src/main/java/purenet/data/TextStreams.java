package purenet.data;

import purenet.tensor.Tensor;

/**
 * A text cut into the chunks of truncated backpropagation through time: {@code batch} parallel
 * streams, each a contiguous stretch of the text, read {@code time} symbols per step.
 *
 * <p>The n symbols give n − 1 (input, next symbol) pairs. Stream b owns the pairs at positions
 * b·L … b·L + L − 1 with L = ⌊(n − 1)/batch⌋; step s reads positions b·L + s·time … b·L + (s+1)·time − 1
 * of every stream, so step s + 1 continues exactly where step s stopped in every row — the rows
 * a recurrent layer that carries its hidden state from call to call expects. There are
 * ⌊L/time⌋ steps; the few pairs left over at the end of each stream are not used.
 *
 * <p>{@link #batch(int)} builds one step lazily: features (batch, time, V), the one-hot rows of the
 * input symbols, and labels (batch, time), the indices of the next symbols. The whole text as
 * one-hot rows would take n·V doubles (800 MB for Moby Dick), so nothing is built in advance.
 *
 * @param corpus the text
 * @param batch  the number of parallel streams, ≥ 1
 * @param time   the number of symbols per step, ≥ 1
 */
public record TextStreams(TextCorpus corpus, int batch, int time) {

  /**
   * Validates the sizes: the text must give each stream at least one step.
   *
   * @param corpus the text
   * @param batch the number of parallel streams, ≥ 1
   * @param time the number of symbols per step, ≥ 1
   */
  public TextStreams {
    if (corpus == null) {
      throw new IllegalArgumentException("TextStreams needs a corpus, got null");
    }
    if (batch < 1 || time < 1) {
      throw new IllegalArgumentException("TextStreams needs batch >= 1 and time >= 1, got batch " + batch
          + ", time " + time);
    }
    if ((corpus.length() - 1) / batch < time) {
      throw new IllegalArgumentException("a text of " + corpus.length() + " symbols is too short for " + batch
          + " streams of " + time + " steps: it needs at least " + (batch * time + 1));
    }
  }

  /** {@return l, the number of (input, next symbol) pairs each stream owns} */
  public int streamLength() {
    return (corpus.length() - 1) / batch;
  }

  /** {@return the number of steps, ⌊L/time⌋} */
  public int steps() {
    return streamLength() / time;
  }

  /** {@return the number of predicted symbols per pass over all steps: steps·batch·time} */
  public int symbols() {
    return steps() * batch * time;
  }

  /**
   * {@return step {@code step}: features (batch, time, V) one-hot inputs, labels (batch, time)
   * next-symbol indices}
   *
   * @param step the chunk index, in [0, steps)
   */
  public Dataset batch(int step) {
    if (step < 0 || step >= steps()) {
      throw new IndexOutOfBoundsException("step must be in 0.." + (steps() - 1) + ", got " + step);
    }
    int[] inputs = new int[batch * time];
    double[] next = new double[batch * time];
    int length = streamLength();
    for (int b = 0; b < batch; b++) {
      int start = b * length + step * time;
      for (int t = 0; t < time; t++) {
        inputs[b * time + t] = corpus.at(start + t);
        next[b * time + t] = corpus.at(start + t + 1);
      }
    }
    return new Dataset(corpus.vocabulary().oneHot(inputs).reshape(batch, time, corpus.vocabulary().size()),
        Tensor.of(next, batch, time));
  }
}
