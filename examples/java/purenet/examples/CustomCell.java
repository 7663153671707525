package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import purenet.autodiff.Expr;
import purenet.autodiff.ExpressionCell;
import purenet.autodiff.Params;
import purenet.data.Dataset;
import purenet.data.TextCorpus;
import purenet.data.TextStreams;
import purenet.init.Glorot;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.net.TimeDistributed;
import purenet.optim.ClipByGlobalNorm;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * Prototyping a recurrent cell from the literature that purenet does not have, by writing its
 * forward step only: the minimal gated unit (Zhou, Wu, Zhang and Zhou 2016, "Minimal gated unit for
 * recurrent neural networks"), one gate instead of the LSTM's three,
 * <pre>
 *   f_t = σ(x_t·W_f + h_{t−1}·U_f + b_f)
 *   h̃_t = tanh(x_t·W_h + (f_t ⊙ h_{t−1})·U_h + b_h)
 *   h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ h̃_t
 * </pre>
 * Its backward pass (backpropagation through time) is derived by {@code purenet.autodiff}. It is
 * trained on CharRnn's task, predicting the next character of Moby Dick, next to the library's
 * hand-written LSTM of the same width, both the same way: {@code batch} streams of {@code time}
 * characters, each chunk from a zero state (no state carried between chunks), Adam on gradients
 * clipped to a global norm, the mean softmax cross-entropy of the next character. It prints bits
 * per character (loss / ln 2) on the training chunks and on held-out text that follows the
 * training text.
 *
 * <p>Run it with {@code bash scripts/fetch-data.sh && mvn -q test-compile exec:exec -Dexample=CustomCell}.
 * Without the book it says so and trains on {@link #generatedText generated text} instead.
 */
public final class CustomCell {
  private CustomCell() {}

  /**
   * The minimal gated unit as an {@link ExpressionCell}: only the forward step is written.
   *
   * @param inputWeight     [W_f, W_h], (F, 2H)
   * @param forgetWeight    U_f, (H, H)
   * @param candidateWeight U_h, (H, H)
   * @param bias            [b_f, b_h], (2H)
   */
  public record Mgu(Tensor inputWeight, Tensor forgetWeight, Tensor candidateWeight, Tensor bias)
      implements ExpressionCell {

    /**
     * Glorot-uniform weights, zero biases.
     *
     * @param features F
     * @param hidden   H
     * @param key      the key of the weights
     * @return the cell
     */
    public static Mgu of(int features, int hidden, Key key) {
      Key[] k = key.split(3);
      Glorot init = Glorot.uniform();
      return new Mgu(init.initialize(k[0], Shape.of(features, 2 * hidden), features, hidden),
          init.initialize(k[1], Shape.of(hidden, hidden), hidden, hidden),
          init.initialize(k[2], Shape.of(hidden, hidden), hidden, hidden), Tensor.zeros(2 * hidden));
    }

    @Override
    public int hiddenSize() {
      return forgetWeight.dim(0);
    }

    @Override
    public Expr project(Expr x, Params p) {
      return x.matmul(p.get("inputWeight")).plus(p.get("bias"));
    }

    @Override
    public List<Expr> step(Expr projected, List<Expr> state, Params p) {
      int h = hiddenSize();
      Expr previous = state.get(0);
      Expr f = projected.slice(1, 0, h).plus(previous.matmul(p.get("forgetWeight"))).sigmoid();
      Expr candidate = projected.slice(1, h, 2 * h).plus(f.times(previous).matmul(p.get("candidateWeight"))).tanh();
      return List.of(previous.plus(f.times(candidate.minus(previous))));
    }
  }

  /**
   * How to train both models.
   *
   * @param hidden          hidden units H of either cell
   * @param batch           parallel streams per step
   * @param time            characters per chunk
   * @param epochs          passes over the training text
   * @param trainChars      the length of the training text (the first this many characters)
   * @param validationChars the length of the held-out text that follows it
   * @param learningRate    Adam's η
   * @param clipNorm        the largest global gradient norm
   * @param seed            the seed of every key
   */
  public record Settings(int hidden, int batch, int time, int epochs, int trainChars, int validationChars,
      double learningRate, double clipNorm, long seed) {

    /** Validates every setting. */
    public Settings {
      if (Math.min(Math.min(hidden, batch), Math.min(Math.min(time, epochs), Math.min(trainChars, validationChars))) < 1
          || time < 2 || !(learningRate > 0) || !(clipNorm > 0)) {
        throw new IllegalArgumentException("hidden, batch, epochs, trainChars, validationChars must be >= 1, time >= 2,"
            + " learning rate and clip norm > 0, got " + this);
      }
    }

    /**
     * CharRnn's model size and optimizer: 128 units, 32 streams of 25 characters, Adam at η = 0.01
     * on gradients clipped to norm 1; 3 epochs over the first 100,000 characters, validated on the
     * next 20,000.
     *
     * @return the settings
     */
    public static Settings standard() {
      return new Settings(128, 32, 25, 3, 100_000, 20_000, 0.01, 1.0, 42);
    }
  }

  /**
   * One model's run.
   *
   * @param model          its name
   * @param parameters     the number of trained numbers
   * @param trainBits      mean training bpc of every epoch
   * @param validationBits bpc on the held-out text after training
   * @param wallTime       time spent training
   */
  public record Run(String model, long parameters, Vector<Double> trainBits, double validationBits, Duration wallTime) {
    @Override
    public String toString() {
      return String.format("%-24s %,8d parameters: validation %.3f bpc, train by epoch %s (%.0fs)", model, parameters,
          validationBits, trainBits.map(b -> String.format("%.3f", b)).mkString(", "), wallTime.toMillis() / 1000.0);
    }
  }

  /**
   * Both runs.
   *
   * @param mgu  the forward-only minimal gated unit
   * @param lstm the hand-written LSTM
   */
  public record Result(Run mgu, Run lstm) {}

  /**
   * Trains the minimal gated unit and the LSTM on the same text with the same settings.
   *
   * @param text     the corpus: training text first, then held-out text
   * @param settings how to train
   * @param out      where progress goes
   * @return both runs
   */
  public static Result run(TextCorpus text, Settings settings, PrintStream out) {
    int v = text.vocabulary().size();
    int trainEnd = Math.min(settings.trainChars(), text.length() - Math.min(settings.validationChars(), text.length() / 10));
    TextCorpus train = text.slice(0, trainEnd);
    TextCorpus validation = text.slice(trainEnd, Math.min(text.length(), trainEnd + settings.validationChars()));
    Key key = Key.of(settings.seed());
    out.printf("%,d training characters (%d symbols), %,d held out; %d streams of %d characters, %d epochs%n",
        train.length(), v, validation.length(), settings.batch(), settings.time(), settings.epochs());
    Run mgu = train("MGU (forward only)", Mgu.of(v, settings.hidden(), key.foldIn(0)), train, validation, settings, out);
    Run lstm = train("LSTM (hand-written)", Scan.of(Lstm.of(v, settings.hidden(), key.foldIn(0))), train, validation, settings, out);
    return new Result(mgu, lstm);
  }

  private static Run train(String name, Layer cell, TextCorpus train, TextCorpus validation, Settings settings,
      PrintStream out) {
    long start = System.nanoTime();
    Key key = Key.of(settings.seed());
    int v = train.vocabulary().size();
    Layer model = Sequential.of(cell, TimeDistributed.of(Dense.of(settings.hidden(), v, key.foldIn(1))));
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(),
        GradientTransform.chain(new ClipByGlobalNorm(settings.clipNorm()), Optimizers.adam(settings.learningRate())));
    TrainState state = step.init(model, key.foldIn(2));
    TextStreams streams = train.streams(settings.batch(), settings.time());
    Vector<Double> trainBits = Vector.empty();
    for (int e = 1; e <= settings.epochs(); e++) {
      double nats = 0;
      for (int s = 0; s < streams.steps(); s++) {
        StepResult r = step.apply(state, streams.batch(s));
        state = r.state();
        nats += r.metrics().dataLoss();
      }
      trainBits = trainBits.append(nats / streams.steps() / Math.log(2));
      out.printf("%s epoch %d: train %.3f bpc (%.0fs)%n", name, e, trainBits.last(), (System.nanoTime() - start) / 1e9);
    }
    double validationBits = bitsPerCharacter(state.model(), validation, settings);
    Run run = new Run(name, state.model().params().elementCount(), trainBits, validationBits,
        Duration.ofNanos(System.nanoTime() - start));
    out.println(run);
    return run;
  }

  /**
   * A model's bits per character on {@code text}, read in evaluation mode as chunks of
   * {@code settings.time()} characters, each from a zero state: (1/N)·Σ −log₂ p(next character).
   *
   * @param model    the model, (B, T, V) one-hot characters to (B, T, V) logits
   * @param text     the text
   * @param settings the chunk length and batch
   * @return the bits per character
   */
  public static double bitsPerCharacter(Layer model, TextCorpus text, Settings settings) {
    int time = Math.min(settings.time(), text.length() - 1);
    int batch = Math.max(1, Math.min(settings.batch(), (text.length() - 1) / time));
    TextStreams streams = text.streams(batch, time);
    double nats = 0;
    for (int s = 0; s < streams.steps(); s++) {
      Dataset d = streams.batch(s);
      nats += SoftmaxCrossEntropy.mean().apply(model.forward(d.features(), Mode.eval()).output(), d.labels()).value();
    }
    return nats / streams.steps() / Math.log(2);
  }

  private static final String[] WORDS = {"the", "whale", "sea", "ship", "captain", "white", "ahab", "sailed", "into",
      "a", "storm", "and", "harpoon", "deep", "waves", "of", "crew", "called", "me", "ishmael"};

  /**
   * Text generated for the case that Moby Dick has not been fetched: words from a small list, each
   * drawn with {@code key} from the successors the previous word allows (a fixed random bigram
   * table), sentences of 4–11 words. Far easier than the book, so its bits per character are not
   * comparable with the book's.
   *
   * @param key    the key of the draws
   * @param length the number of characters, &gt; 0
   * @return the text
   */
  public static String generatedText(Key key, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, got " + length);
    }
    StringBuilder s = new StringBuilder();
    int word = 0;
    int inSentence = 0;
    for (int i = 0; s.length() < length; i++) {
      double[] u = key.foldIn(i).uniform(2);
      word = (word * 7 + 3 + (int) (u[0] * 4)) % WORDS.length;
      s.append(inSentence == 0 ? Character.toUpperCase(WORDS[word].charAt(0)) + WORDS[word].substring(1) : WORDS[word]);
      inSentence++;
      boolean end = inSentence >= 4 && (u[1] < 0.2 || inSentence >= 11);
      s.append(end ? ". " : " ");
      inSentence = end ? 0 : inSentence;
    }
    return s.substring(0, length);
  }

  /** Trains both cells on Moby Dick, or on generated text when the book has not been fetched. */
  public static void main(String[] args) {
    Settings settings = Settings.standard();
    Option<TextCorpus> book = TextCorpus.load(TextCorpus.mobyDick()).toOption();
    if (book.isEmpty()) {
      System.out.println("Moby Dick not found at " + TextCorpus.mobyDick() + " (run scripts/fetch-data.sh): training on"
          + " generated text instead, whose bits per character are not comparable with the book's");
    }
    TextCorpus text = book.getOrElse(() -> TextCorpus.of(generatedText(Key.of(settings.seed()),
        settings.trainChars() + settings.validationChars())));
    Result r = run(text, settings, System.out);
    System.out.printf("validation bits per character: MGU (forward only) %.3f, LSTM (hand-written) %.3f%n",
        r.mgu().validationBits(), r.lstm().validationBits());
  }
}
