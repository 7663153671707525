package purenet.train;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import purenet.io.Fitting;
import purenet.io.Safetensors;
import purenet.io.TreeFile;
import purenet.layer.Layer;
import purenet.optim.GradientTransform;
import purenet.random.Key;
import purenet.tree.Tree;

/**
 * A whole training state as a value that can be saved to one safetensors file and restored into a
 * model of the same architecture: training then resumes bit for bit where it stopped (the same
 * parameters, running statistics, optimizer moments, step counter and key, hence the same
 * {@code key.foldIn(step)} for every later step).
 *
 * <p>File layout: the model's parameters under {@code params/…}, its non-trainable state (running
 * statistics, …) under {@code state/…}, the optimizer's state under {@code optimizer/…}, all F64;
 * in {@code __metadata__}: {@code "format": "purenet.checkpoint/1"}, {@code "step"} as a decimal
 * integer, {@code "key"} as 32 hex digits (the key's high then low 64 bits), and the notes (e.g.
 * {@code "epoch"}). A loaded checkpoint's trees lack the nodes without leaves (the file cannot
 * store them); {@link #restore} takes the structure from the model and optimizer it restores into.
 *
 * @param params         the model's trainable parameters
 * @param state          the model's non-trainable state
 * @param optimizerState the optimizer's state
 * @param step           the number of steps taken, ≥ 0
 * @param key            the training state's base key
 * @param notes          more metadata, e.g. {@code "epoch" → "3"}; not {@code format}, {@code step}
 *                       or {@code key}
 */
public record Checkpoint(Tree params, Tree state, Tree optimizerState, long step, Key key,
                         LinkedHashMap<String, String> notes) {

  /** The value of {@code "format"} in every checkpoint file. */
  public static final String FORMAT = "purenet.checkpoint/1";

  private static final Vector<String> RESERVED = Vector.of("format", "step", "key");
  private static final Vector<String> GROUPS = Vector.of("params", "state", "optimizer");

  /**
   * Validates the components.
   *
   * @param params the model's trainable parameters
   * @param state the model's non-trainable state
   * @param optimizerState the optimizer's state
   * @param step the number of steps taken, ≥ 0
   * @param key the training state's base key
   * @param notes more metadata, e.g. {@code "epoch" → "3"}; not {@code format}, {@code step} or {@code key}
   */
  public Checkpoint {
    if (params == null || state == null || optimizerState == null || key == null || notes == null) {
      throw new IllegalArgumentException("a Checkpoint needs params, state, optimizer state, key and notes, got "
          + params + ", " + state + ", " + optimizerState + ", " + key + ", " + notes);
    }
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    for (String reserved : RESERVED) {
      if (notes.containsKey(reserved)) {
        throw new IllegalArgumentException("a checkpoint note cannot be named '" + reserved
            + "': the name is reserved for the checkpoint's own metadata " + RESERVED.mkString("(", ", ", ")"));
      }
    }
  }

  /**
   * {@return the checkpoint of a training state: its model's params and state, its optimizer state,
   * step and key}
   *
   * @param s the training state to save
   */
  public static Checkpoint of(TrainState s) {
    return new Checkpoint(s.model().params(), s.model().state(), s.optimizerState(), s.step(), s.key(),
        LinkedHashMap.empty());
  }

  /**
   * {@return this checkpoint with one more note (or a note replaced)}
   *
   * @param name the note's name, not a reserved one
   * @param value the note's text
   */
  public Checkpoint withNote(String name, String value) {
    return new Checkpoint(params, state, optimizerState, step, key, notes.put(name, value));
  }

  /**
   * {@return this checkpoint noting the number of epochs finished, as Fit counts them}
   *
   * @param epoch the number of the last finished epoch
   */
  public Checkpoint withEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    return withNote("epoch", Integer.toString(epoch));
  }

  /**
   * {@return the number of epochs finished when this checkpoint was taken, if noted ({@link
   * #withEpoch}); pass it to {@code FitConfig.withInitialEpoch} to resume a fit}
   *
   * @throws IllegalStateException if the note is not a non-negative integer
   */
  public Option<Integer> epoch() {
    return notes.get("epoch").map(text -> {
      try {
        int e = Integer.parseInt(text);
        if (e >= 0) {
          return e;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalStateException("the checkpoint's epoch note is not a non-negative integer: '" + text + "'");
    });
  }

  /**
   * Writes this checkpoint to {@code file}, atomically: a crash leaves the previous file intact.
   *
   * @param file the file to write, atomically
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    LinkedHashMap<String, String> metadata = LinkedHashMap.of("format", FORMAT, "step", Long.toString(step),
        "key", String.format(Locale.ROOT, "%016x%016x", key.hi(), key.lo())).merge(notes);
    Tree all = Tree.empty().with("params", params).with("state", state).with("optimizer", optimizerState);
    Safetensors.write(file, all, metadata);
  }

  /**
   * Reads a checkpoint written by {@link #save}.
   *
   * @param file the checkpoint file
   * @return the checkpoint in the file
   * @throws IOException if the file cannot be read, is not a well-formed safetensors file, or is not
   *                     a purenet checkpoint (format, step, key, groups); the message names the file
   */
  public static Checkpoint load(Path file) throws IOException {
    TreeFile read = Safetensors.readWithMetadata(file);
    LinkedHashMap<String, String> metadata = read.metadata();
    String format = metadata.get("format").getOrElse("<none>");
    if (!format.equals(FORMAT)) {
      throw new IOException(file + ": not a purenet checkpoint: metadata \"format\" is '" + format + "', expected '"
          + FORMAT + "'");
    }
    long step = parseStep(metadata.get("step"), file);
    Key key = parseKey(metadata.get("key"), file);
    Tree tree = read.tree();
    if (!(tree instanceof Tree.Node node)) {
      throw new IOException(file + ": a checkpoint holds groups " + GROUPS.mkString(", ") + ", found a single tensor");
    }
    for (String group : node.children().keySet()) {
      if (!GROUPS.contains(group)) {
        throw new IOException(file + ": unexpected tensor group '" + group + "' in a checkpoint; expected "
            + GROUPS.mkString(", "));
      }
    }
    return new Checkpoint(group(node, "params"), group(node, "state"), group(node, "optimizer"), step, key,
        metadata.removeAll(RESERVED));
  }

  /**
   * Reads a checkpoint and restores it into {@code like} (see {@link #restore(TrainState)}); a
   * mismatch names the file.
   *
   * @param file the checkpoint file
   * @param like a training state of the saved structure
   * @return the restored training state
   * @throws IOException              as {@link #load}
   * @throws IllegalArgumentException naming the file and every path that does not fit
   */
  public static TrainState resume(Path file, TrainState like) throws IOException {
    Checkpoint checkpoint = load(file);
    try {
      return checkpoint.restore(like);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the training state of this checkpoint in the shape of {@code like}: {@code like}'s
   * model with this checkpoint's parameters and state ({@code
   * model.withParams(params).withState(state)}), and this optimizer state, step and key} {@code
   * like} supplies the architecture and the optimizer state's structure: usually {@code
   * step.init(model, anyKey)} for a freshly built model.
   *
   * @param like a training state of the saved structure
   * @throws IllegalArgumentException if the trees do not have the same leaf paths and shapes as
   *                                  {@code like}'s, naming every path that is missing, unexpected
   *                                  or of another shape, group by group
   */
  public TrainState restore(TrainState like) {
    Layer model = like.model();
    Vector<String> problems = Vector.empty();
    problems = problems.appendAll(Fitting.problems(params, model.params(), "checkpoint", "model").map(p -> "params: " + p));
    problems = problems.appendAll(Fitting.problems(state, model.state(), "checkpoint", "model").map(p -> "state: " + p));
    problems = problems.appendAll(Fitting.problems(optimizerState, like.optimizerState(), "checkpoint", "optimizer")
        .map(p -> "optimizer: " + p));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the checkpoint (step " + step + ") does not fit the model and optimizer: "
          + problems.mkString("; "));
    }
    Layer restored = model.withParams(Fitting.fill(params, model.params())).withState(Fitting.fill(state, model.state()));
    return new TrainState(restored, Fitting.fill(optimizerState, like.optimizerState()), step, key);
  }

  /**
   * {@return the training state of this checkpoint for {@code model} trained by {@code optimizer}:
   * as {@link #restore(TrainState)} with the structure of {@code optimizer.init(model.params())}}
   *
   * @param model a model of the saved structure (its parameters and state are replaced)
   * @param optimizer the optimizer the run used, whose state structure is expected
   */
  public TrainState restore(Layer model, GradientTransform optimizer) {
    return restore(TrainState.init(model, optimizer, key));
  }

  private static Tree group(Tree.Node root, String name) {
    return root.children().get(name).getOrElse(Tree.empty());
  }

  private static long parseStep(Option<String> text, Path file) throws IOException {
    String s = text.getOrElse("<none>");
    try {
      long step = Long.parseLong(s);
      if (step >= 0) {
        return step;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IOException(file + ": checkpoint metadata \"step\" must be a non-negative integer, found '" + s + "'");
  }

  private static Key parseKey(Option<String> text, Path file) throws IOException {
    String s = text.getOrElse("<none>");
    if (s.length() == 32 && s.chars().allMatch(c -> "0123456789abcdefABCDEF".indexOf(c) >= 0)) {
      return new Key(Long.parseUnsignedLong(s.substring(0, 16), 16), Long.parseUnsignedLong(s.substring(16), 16));
    }
    throw new IOException(file + ": checkpoint metadata \"key\" must be 32 hex digits, found '" + s + "'");
  }
}
