package purenet.io;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Puts tensors read from a file into the structure of a template tree: the template's nodes
 * (including those without leaves, which a file cannot store) and order, the file's values.
 * Used by {@link Safetensors#read(java.nio.file.Path, Tree)} and by the training checkpoints
 * ({@code purenet.train.Checkpoint}), which restore saved trees into a model's structure.
 */
public final class Fitting {
  private Fitting() {}

  /**
   * What keeps {@code found} from fitting {@code like}: leaves the template has and the file lacks,
   * leaves the file has and the template lacks, and leaves whose shapes differ — each naming the
   * paths; none if the leaf paths and shapes agree (order aside).
   *
   * @param found    the tree read from the file
   * @param like     the template
   * @param foundIs  what {@code found} is called in the message, e.g. "checkpoint"
   * @param likeIs   what {@code like} is called, e.g. "model"
   * @return one message listing every problem, or none if {@code found} fits {@code like}
   */
  public static Option<String> problems(Tree found, Tree like, String foundIs, String likeIs) {
    LinkedHashMap<String, Tensor> have = LinkedHashMap.ofEntries(found.flatten());
    LinkedHashMap<String, Tensor> want = LinkedHashMap.ofEntries(like.flatten());
    Vector<String> missing = want.keySet().toVector().filter(p -> !have.containsKey(p))
        .map(p -> path(p) + " " + want.get(p).get().shape());
    Vector<String> unexpected = have.keySet().toVector().filter(p -> !want.containsKey(p))
        .map(p -> path(p) + " " + have.get(p).get().shape());
    Vector<String> shapes = want.toVector()
        .filter(w -> have.get(w._1).exists(h -> !h.shape().equals(w._2.shape())))
        .map(w -> path(w._1) + ": " + foundIs + " " + have.get(w._1).get().shape() + ", " + likeIs + " " + w._2.shape());
    Vector<String> parts = Vector.empty();
    if (!missing.isEmpty()) {
      parts = parts.append("missing from the " + foundIs + " " + missing.mkString("[", ", ", "]"));
    }
    if (!unexpected.isEmpty()) {
      parts = parts.append("not in the " + likeIs + " " + unexpected.mkString("[", ", ", "]"));
    }
    if (!shapes.isEmpty()) {
      parts = parts.append("shapes differ at " + shapes.mkString("[", ", ", "]"));
    }
    return parts.isEmpty() ? Option.none() : Option.of(parts.mkString("; "));
  }

  /**
   * {@code like} with each leaf replaced by {@code found}'s leaf at the same path.
   *
   * @param found the tree read from the file; must have no {@link #problems} against {@code like}
   * @param like  the template giving the structure and order
   * @return the template's structure holding {@code found}'s tensors
   * @throws IllegalArgumentException if a leaf of {@code like} has no counterpart in {@code found}
   */
  public static Tree fill(Tree found, Tree like) {
    LinkedHashMap<String, Tensor> have = LinkedHashMap.ofEntries(found.flatten());
    return like.mapWithPath((p, t) -> have.get(p).getOrElseThrow(() ->
        new IllegalArgumentException("no tensor at " + path(p) + " to fill the template with; check problems() first")));
  }

  private static String path(String p) {
    return p.isEmpty() ? "<root>" : p;
  }
}
