package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import purenet.data.Dataset;
import purenet.data.TextCorpus;
import purenet.data.TextStreams;
import purenet.data.Vocabulary;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.recurrent.Carry;
import purenet.layer.recurrent.ElmanRnn;
import purenet.layer.recurrent.Gru;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.net.TimeDistributed;
import purenet.optim.ClipByGlobalNorm;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.Penalties;
import purenet.tensor.Tensor;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * A character-level language model on Moby Dick: an LSTM (or Elman RNN) reads the text one
 * character at a time and predicts the next, trained by truncated backpropagation through time.
 *
 * <p>The model is {@code Sequential(Scan(Lstm(V → H)) carrying its state, TimeDistributed(Dense(H → V)))}:
 * logits for every step. The training text is cut into {@code batch} contiguous streams read
 * {@code time} characters per step ({@link TextStreams}); the recurrent layer carries (h, c) from
 * one step to the next within an epoch, so it sees long contexts while the gradient is truncated to
 * {@code time} steps. Each epoch starts from a zero state. The loss is the mean softmax cross-entropy
 * of the next character over all B·T predictions; it is reported in bits per character,
 * bpc = loss / ln 2 (log₂ 83 ≈ 6.4 bpc for a uniform guess over Moby Dick's 83 characters). The
 * optimizer is Adam (Kingma and Ba 2015) on gradients clipped to a global norm (Pascanu, Mikolov,
 * Bengio 2013, "On the difficulty of training recurrent neural networks").
 *
 * <p>After every epoch it prints the training bpc, the bpc on held-out text that follows the
 * training text (read in streams with the state carried, in evaluation mode), and a sample:
 * characters drawn one at a time from softmax(logits / temperature) with a {@link Key}, feeding
 * each back in, with the state carried across these evaluation calls ({@link Carry#ALWAYS}).
 *
 * <p>Run it with {@code bash scripts/fetch-data.sh && mvn -q test-compile exec:exec -Dexample=CharRnn}
 * (add {@code -Dexample.args=elman} for the Elman RNN, {@code -Dexample.args=gru} for the GRU).
 * When the text has not been fetched it
 * says so and trains on {@link #FIRST_PARAGRAPH}, the opening paragraph of the novel (public domain),
 * which is far too short to learn much from.
 */
public final class CharRnn {
  private CharRnn() {}

  /** The opening paragraph of Moby-Dick (Herman Melville, 1851; public domain), the fallback text. */
  public static final String FIRST_PARAGRAPH = """
      Call me Ishmael. Some years ago—never mind how long precisely—having
      little or no money in my purse, and nothing particular to interest me on
      shore, I thought I would sail about a little and see the watery part of
      the world. It is a way I have of driving off the spleen and regulating
      the circulation. Whenever I find myself growing grim about the mouth;
      whenever it is a damp, drizzly November in my soul; whenever I find
      myself involuntarily pausing before coffin warehouses, and bringing up
      the rear of every funeral I meet; and especially whenever my hypos get
      such an upper hand of me, that it requires a strong moral principle to
      prevent me from deliberately stepping into the street, and methodically
      knocking people’s hats off—then, I account it high time to get to
      sea as soon as I can. This is my substitute for pistol and ball. With
      a philosophical flourish Cato throws himself upon his sword; I quietly
      take to the ship. There is nothing surprising in this. If they but knew
      it, almost all men in their degree, some time or other, cherish very
      nearly the same feelings towards the ocean with me.
      """;

  /** The recurrent cell. */
  public enum Cell {
    /** h_t = tanh([x_t, h_{t−1}, 1]·W). */
    ELMAN,
    /** Input, forget, candidate and output gates. */
    LSTM,
    /** Reset and update gates (PyTorch's GRU). */
    GRU
  }

  /**
   * How to train.
   *
   * @param cell            the recurrent cell
   * @param hidden          hidden units H
   * @param batch           parallel streams per step
   * @param time            characters per step: the truncation length of BPTT
   * @param epochs          passes over the training text
   * @param trainChars      the length of the training text: the first this many characters (all if longer)
   * @param validationChars the length of the held-out text that follows it
   * @param learningRate    Adam's η
   * @param clipNorm        the largest global gradient norm; larger gradients are scaled down to it
   * @param sampleLength    characters generated after every epoch
   * @param temperature     the sampling temperature τ &gt; 0: p ∝ exp(logits/τ); small τ is nearly greedy
   * @param seed            seed of every key: initialization, sampling
   */
  public record Settings(Cell cell, int hidden, int batch, int time, int epochs, int trainChars, int validationChars,
      double learningRate, double clipNorm, int sampleLength, double temperature, long seed) {

    /** Validates every setting. */
    public Settings {
      if (cell == null) {
        throw new IllegalArgumentException("cell must be ELMAN or LSTM, got null");
      }
      if (Math.min(Math.min(hidden, batch), Math.min(Math.min(time, epochs), Math.min(trainChars, validationChars))) < 1) {
        throw new IllegalArgumentException("hidden, batch, time, epochs, trainChars and validationChars must be"
            + " >= 1, got " + hidden + ", " + batch + ", " + time + ", " + epochs + ", " + trainChars + ", "
            + validationChars);
      }
      if (!(learningRate > 0) || !(clipNorm > 0) || !(temperature > 0) || sampleLength < 0) {
        throw new IllegalArgumentException("learning rate, clip norm and temperature must be > 0 and the sample"
            + " length >= 0, got " + learningRate + ", " + clipNorm + ", " + temperature + ", " + sampleLength);
      }
    }

    /**
     * The default run: an LSTM of 128 units, Adam at η = 0.01 on gradients clipped to norm 1, 32
     * streams of 25 characters, 3 epochs over the first 100,000 characters, validated on the next
     * 20,000; samples of 300 characters at τ = 0.7.
     */
    public static Settings standard() {
      return new Settings(Cell.LSTM, 128, 32, 25, 3, 100_000, 20_000, 0.01, 1.0, 300, 0.7, 42);
    }

    /** The same settings with {@code batch} streams of {@code time} steps. */
    public Settings withStreams(int newBatch, int newTime) {
      return new Settings(cell, hidden, newBatch, newTime, epochs, trainChars, validationChars, learningRate, clipNorm,
          sampleLength, temperature, seed);
    }

    /** The same settings with another cell. */
    public Settings withCell(Cell newCell) {
      return new Settings(newCell, hidden, batch, time, epochs, trainChars, validationChars, learningRate, clipNorm,
          sampleLength, temperature, seed);
    }
  }

  /**
   * One epoch's numbers.
   *
   * @param epoch          1-based
   * @param trainBits      mean training bpc over the epoch's steps (measured before each update)
   * @param validationBits bpc on the held-out text after the epoch
   * @param sample         the text generated after the epoch
   */
  public record Epoch(int epoch, double trainBits, double validationBits, String sample) {}

  /**
   * What training gave.
   *
   * @param epochs     per-epoch numbers
   * @param model      the trained model (its recurrent layer carrying state across training calls)
   * @param vocabulary the characters
   * @param wallTime   time spent
   */
  public record Result(Vector<Epoch> epochs, Layer model, Vocabulary vocabulary, Duration wallTime) {
    /** The last epoch's validation bpc. */
    public double validationBits() {
      return epochs.last().validationBits();
    }
  }

  /** Recurrent layer (V → H) carrying its state across training calls of {@code batch} streams, then Dense (H → V) on every step. */
  public static Sequential model(Cell cell, int vocabulary, int hidden, int batch, Key key) {
    Key[] k = key.split(2);
    purenet.layer.recurrent.Cell step = switch (cell) {
      case LSTM -> Lstm.of(vocabulary, hidden, k[0]);
      case GRU -> Gru.of(vocabulary, hidden, k[0]);
      case ELMAN -> ElmanRnn.of(vocabulary, hidden, k[0]);
    };
    return Sequential.of(Scan.of(step).carrying(batch), TimeDistributed.of(Dense.of(hidden, vocabulary, k[1])));
  }

  /** The same model with its recurrent layer carrying, in every mode, a zero state for {@code batch} streams. */
  public static Sequential carryingAlways(Sequential model, int batch) {
    return new Sequential(model.layers().map(l -> l instanceof Scan r ? r.carrying(Carry.ALWAYS, batch) : l));
  }

  /**
   * Trains on the first {@code trainChars} characters of {@code text} and validates on the
   * {@code validationChars} that follow (or on the last tenth, for a text too short for both).
   */
  public static Result run(TextCorpus text, Settings settings, PrintStream out) {
    long start = System.nanoTime();
    Key key = Key.of(settings.seed());
    int v = text.vocabulary().size();
    int trainEnd = Math.min(settings.trainChars(), text.length() - Math.min(settings.validationChars(), text.length() / 10));
    TextCorpus train = text.slice(0, trainEnd);
    TextCorpus validation = text.slice(trainEnd, Math.min(text.length(), trainEnd + settings.validationChars()));
    TextStreams streams = train.streams(settings.batch(), settings.time());
    TrainStep step = new TrainStep(SoftmaxCrossEntropy.mean(),
        GradientTransform.chain(new ClipByGlobalNorm(settings.clipNorm()), Optimizers.adam(settings.learningRate())),
        Penalties.none());
    TrainState state = step.init(model(settings.cell(), v, settings.hidden(), settings.batch(), key.foldIn(0)),
        key.foldIn(1));
    out.printf("%s of %d units on %,d characters (%d symbols), %d streams of %d steps: %d steps per epoch%n",
        settings.cell(), settings.hidden(), train.length(), v, settings.batch(), settings.time(), streams.steps());
    Vector<Epoch> epochs = Vector.empty();
    for (int e = 1; e <= settings.epochs(); e++) {
      long epochStart = System.nanoTime();
      state = new TrainState(state.model().withState(state.model().state().zerosLike()), state.optimizerState(),
          state.step(), state.key());
      double nats = 0;
      for (int s = 0; s < streams.steps(); s++) {
        StepResult r = step.apply(state, streams.batch(s));
        state = r.state();
        nats += r.metrics().dataLoss();
      }
      double trainBits = nats / streams.steps() / Math.log(2);
      double validationBits = bitsPerCharacter((Sequential) state.model(), validation, settings);
      String sample = sample((Sequential) state.model(), text.vocabulary(), "\n", settings.sampleLength(),
          settings.temperature(), key.foldIn(2).foldIn(e));
      epochs = epochs.append(new Epoch(e, trainBits, validationBits, sample));
      long now = System.nanoTime();
      out.printf("epoch %d: train %.3f bpc, validation %.3f bpc (this epoch %.1f s, total %.0f s)%n  sample: %s%n",
          e, trainBits, validationBits, (now - epochStart) / 1e9, (now - start) / 1e9,
          sample.replace("\n", "\n          "));
    }
    return new Result(epochs, state.model(), text.vocabulary(), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The model's bits per character on {@code text}, read in evaluation mode as {@code settings.batch()}
   * streams (fewer if the text is short) of {@code settings.time()} steps with the state carried
   * from chunk to chunk: (1/N)·Σ −log₂ p(next character).
   */
  public static double bitsPerCharacter(Sequential model, TextCorpus text, Settings settings) {
    int batch = Math.max(1, Math.min(settings.batch(), (text.length() - 1) / settings.time()));
    TextStreams streams = text.streams(batch, Math.min(settings.time(), text.length() - 1));
    Layer m = carryingAlways(model, batch);
    double nats = 0;
    for (int s = 0; s < streams.steps(); s++) {
      Dataset d = streams.batch(s);
      Forward f = m.forward(d.features(), Mode.eval());
      nats += SoftmaxCrossEntropy.mean().apply(f.output(), d.labels()).value();
      m = f.next();
    }
    return nats / streams.steps() / Math.log(2);
  }

  /**
   * Text generated by the model: it reads {@code prime}, then draws each next character from
   * softmax(logits/τ) with {@code key.foldIn(i)} and feeds it back, carrying the state in
   * evaluation mode. Returns only the generated characters.
   */
  public static String sample(Sequential model, Vocabulary vocabulary, String prime, int length, double temperature,
      Key key) {
    Layer m = carryingAlways(model, 1);
    int[] primed = vocabulary.encode(prime);
    Forward f = m.forward(vocabulary.oneHot(primed).reshape(1, primed.length, vocabulary.size()), Mode.eval());
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      Tensor logits = f.output().reshape(-1, vocabulary.size());
      out[i] = draw(logits.index(logits.dim(0) - 1), temperature, key.foldIn(i));
      m = f.next();
      f = m.forward(vocabulary.oneHot(out[i]).reshape(1, 1, vocabulary.size()), Mode.eval());
    }
    return vocabulary.decode(out);
  }

  /** An index drawn from softmax(logits/τ) by inverting its cumulative distribution at one uniform draw. */
  static int draw(Tensor logits, double temperature, Key key) {
    double[] z = logits.mul(1 / temperature).toArray();
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double total = 0;
    for (int j = 0; j < z.length; j++) {
      z[j] = Math.exp(z[j] - max);
      total += z[j];
    }
    double u = key.uniform(1)[0] * total;
    for (int j = 0; j < z.length; j++) {
      u -= z[j];
      if (u < 0) {
        return j;
      }
    }
    return z.length - 1;
  }

  /** Trains on Moby Dick, or on its first paragraph when the text has not been fetched. */
  public static void main(String[] args) {
    Settings settings = Settings.standard();
    if (args.length > 0) {
      settings = settings.withCell(Cell.valueOf(args[0].toUpperCase(Locale.ROOT)));
    }
    Try<TextCorpus> loaded = TextCorpus.load(TextCorpus.mobyDick());
    Option<TextCorpus> book = loaded.toOption();
    if (book.isEmpty()) {
      System.out.println(loaded.getCause().getMessage());
      System.out.println("So training on Moby Dick's first paragraph only, typed into this example, which is far too"
          + " little text");
      settings = settings.withStreams(4, 25);
    }
    TextCorpus text = book.getOrElse(() -> TextCorpus.of(FIRST_PARAGRAPH));
    Result result = run(text, settings, System.out);
    System.out.printf("wall_time=%.1fs%n", result.wallTime().toMillis() / 1000.0);
    System.out.printf("validation_bpc=%.3f%n", result.validationBits());
  }
}
