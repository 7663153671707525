package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Path;
import purenet.layer.Layer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Moves weights between a purenet model and a PyTorch {@code state_dict} saved as safetensors: read
 * a file PyTorch wrote into a purenet model of the same architecture, and write a purenet model to
 * a file that PyTorch loads with {@code model.load_state_dict(safetensors.torch.load_file(f),
 * strict=True)}.
 *
 * <p><b>Names.</b> The model is walked through {@link Layer#children()}: a child of a combinator
 * with several children ({@code Sequential}, {@code Parallel}, …) is the PyTorch submodule of the
 * same name ({@code "0"}, {@code "1"}, … as in {@code nn.Sequential}), joined with dots
 * ({@code "features.3.weight"}); a wrapper with one child ({@code Frozen}, {@code Residual},
 * {@code TimeDistributed}) adds no name. {@link #renaming} gives a layer at a purenet path another
 * PyTorch name (e.g. {@code "0" → "lstm"} for a module with attributes). Layers without
 * parameters (activations, pooling, {@code Flatten}, dropout) have no entries on either side.
 *
 * <p><b>Layouts</b> (PyTorch entry ← purenet parameter):
 * <ul>
 *   <li>{@code Linear} ↔ {@code Dense}: {@code weight} (out, in) = Wᵀ of purenet's (in, out);
 *       {@code bias} = b.</li>
 *   <li>{@code Conv2d} ↔ {@code Conv2d}, {@code Conv1d} ↔ {@code Conv1d}, {@code Embedding} ↔
 *       {@code Embedding}: {@code weight}, {@code bias} unchanged (same layouts).</li>
 *   <li>{@code BatchNorm1d/2d} ↔ {@code BatchNorm}: {@code weight} = γ, {@code bias} = β,
 *       {@code running_mean} = μ̃, {@code running_var} = σ̃². Evaluation is the same map. Momentum:
 *       PyTorch updates running ← (1 − m)·running + m·batch, purenet running ← α·running +
 *       (1 − α)·batch, so α = 1 − m (PyTorch's default m = 0.1 is purenet's default α = 0.9); PyTorch
 *       averages the unbiased batch variance into {@code running_var}, so to continue training as
 *       PyTorch would, build the layer {@code .withUnbiased(true)}. Imported statistics count as
 *       initialised (PyTorch's are always in effect); {@code num_batches_tracked} is not used when
 *       reading (reported in {@link PyTorchImport#unused()}) and is written as purenet's count of
 *       training batches.</li>
 *   <li>{@code LayerNorm} ↔ {@code LayerNorm}, {@code GroupNorm} ↔ {@code GroupNorm}:
 *       {@code weight} = γ, {@code bias} = β (same shapes; ε is the layer's own, 1e-5 in both by
 *       default).</li>
 *   <li>{@code RNN} (tanh), {@code LSTM}, {@code GRU} (one layer, {@code batch_first=True}) ↔
 *       {@code Scan} of {@code ElmanRnn}, {@code Lstm}, {@code Gru}: {@code weight_ih_l0} = W_xᵀ,
 *       {@code weight_hh_l0} = W_hᵀ, gate blocks in PyTorch's order (LSTM i, f, g, o; GRU r, z, n).
 *       Biases: LSTM and RNN use only the sum, so purenet's b = {@code bias_ih_l0 + bias_hh_l0}
 *       when reading, and b goes to {@code bias_ih_l0} with zeros in {@code bias_hh_l0} when
 *       writing (the same outputs in PyTorch); the GRU keeps both ({@code bias_hh_l0}'s candidate
 *       block is scaled by the reset gate).</li>
 * </ul>
 * A layer with parameters but no layout here (a custom layer, {@code WeightNorm}, …) is an error
 * naming its path, never a silent guess.
 *
 * <p><b>Checks.</b> Reading compares the file with every entry the model expects and fails with
 * one {@link IllegalArgumentException} listing every missing, unexpected and mis-shaped entry
 * (name, expected shape, found shape). Integer and half-precision entries are read as
 * {@link Dtype} states. Writing uses F64 (exact) or F32 (PyTorch's default precision), the caller's
 * choice; a model trained in F64 and written as F32 computes the same to about 1e-7 relative.
 *
 * @param names PyTorch module names for layers at purenet paths (e.g. {@code "0" → "lstm"}),
 *              overriding the derived names
 */
public record PyTorchWeights(LinkedHashMap<String, String> names) {

  /**
   * Rejects null.
   *
   * @param names PyTorch module names for layers at purenet paths (e.g. {@code "0" → "lstm"}), overriding the derived names
   */
  public PyTorchWeights {
    if (names == null) {
      throw new IllegalArgumentException("PyTorchWeights needs a map of names, got null");
    }
  }

  /**
   * The derived names: {@code nn.Sequential}'s numbering, dots between modules.
   *
   * @return the bridge without renamings
   */
  public static PyTorchWeights standard() {
    return new PyTorchWeights(LinkedHashMap.empty());
  }

  /**
   * The same bridge with the layer at {@code purenetPath} named {@code torchName} in PyTorch (its
   * children are named below it).
   *
   * @param purenetPath the layer's path in the model's parameter tree, e.g. {@code "0"} or
   *                    {@code "1/inner"}
   * @param torchName   the PyTorch module name, e.g. {@code "lstm"} or {@code "encoder.fc"}
   * @return the bridge
   */
  public PyTorchWeights renaming(String purenetPath, String torchName) {
    return new PyTorchWeights(names.put(purenetPath, torchName));
  }

  /**
   * The {@code state_dict} entries the model corresponds to, with PyTorch's shapes, in the order of
   * the model's layers.
   *
   * @param model the purenet model
   * @return PyTorch name → shape
   * @throws IllegalArgumentException naming every layer with parameters but no PyTorch layout
   */
  public LinkedHashMap<String, Shape> expected(Layer model) {
    return modules(model).foldLeft(LinkedHashMap.<String, Shape>empty(), (m, t) -> m.merge(t.expected()));
  }

  /**
   * Reads a {@code state_dict} that PyTorch saved with {@code safetensors.torch.save_file} into a
   * model of the same architecture.
   *
   * @param file  the safetensors file
   * @param model a model of the architecture the weights were trained in (its own weights are
   *              replaced)
   * @return the model with the file's weights, and the names the file holds that were not used
   * @throws IOException              if the file cannot be read or is not a valid safetensors file
   * @throws IllegalArgumentException listing, in one message, every missing, unexpected and
   *                                  mis-shaped entry, or naming layers without a PyTorch layout
   */
  public PyTorchImport read(Path file, Layer model) throws IOException {
    Vector<Found> walked = walk(model);
    Vector<TorchModule> modules = walked.map(Found::module);
    LinkedHashMap<String, Tensor> found = LinkedHashMap.ofEntries(Safetensors.read(file).flatten());
    LinkedHashMap<String, Shape> expected = modules.foldLeft(LinkedHashMap.<String, Shape>empty(),
        (m, t) -> m.merge(t.expected()));
    Set<String> ignorable = modules.foldLeft(HashSet.<String>empty(), (s, t) -> s.addAll(t.ignorable()));
    Vector<String> missing = Vector.empty();
    Vector<String> misshaped = Vector.empty();
    for (Tuple2<String, Shape> e : expected) {
      if (ignorable.contains(e._1)) {
        continue;
      }
      Tensor t = found.get(e._1).getOrNull();
      if (t == null) {
        missing = missing.append("  missing     " + e._1 + " " + e._2);
      } else if (!t.shape().equals(e._2)) {
        misshaped = misshaped.append("  mis-shaped  " + e._1 + ": expected " + e._2 + ", found " + t.shape());
      }
    }
    Vector<String> unexpected = found.filterKeys(k -> !expected.containsKey(k))
        .map(e -> "  unexpected  " + e._1 + " " + e._2.shape()).toVector();
    if (!missing.isEmpty() || !unexpected.isEmpty() || !misshaped.isEmpty()) {
      throw new IllegalArgumentException(file + " does not fit the model: " + missing.size() + " missing, "
          + unexpected.size() + " unexpected, " + misshaped.size() + " mis-shaped of " + expected.size()
          + " expected entries\n" + missing.appendAll(unexpected).appendAll(misshaped).mkString("\n"));
    }
    Map<String, Tensor> byName = found;
    Tree params = model.params();
    Tree state = model.state();
    for (Found m : walked) {
      Layer loaded = m.module().load(byName);
      params = substitute(params, m.path(), loaded.params());
      state = substitute(state, m.path(), loaded.state());
    }
    Layer result = model.withParams(params).withState(state);
    Vector<String> unused = found.keySet().toVector().filter(ignorable::contains);
    return new PyTorchImport(result, unused);
  }

  /**
   * Writes the model's weights as a {@code state_dict} that PyTorch loads with
   * {@code load_state_dict(..., strict=True)} into the module of the same architecture.
   *
   * @param model the purenet model
   * @param file  the safetensors file to write (atomically)
   * @param dtype {@link Dtype#F64} or {@link Dtype#F32}
   * @throws IOException              if the file cannot be written
   * @throws IllegalArgumentException naming layers without a PyTorch layout, or for a dtype other
   *                                  than F64 and F32
   */
  public void write(Layer model, Path file, Dtype dtype) throws IOException {
    Tree.Node out = Tree.empty();
    for (TorchModule m : modules(model)) {
      for (Tuple2<String, Tensor> e : m.export()) {
        out = out.with(e._1, e._2);
      }
    }
    Safetensors.write(file, out, LinkedHashMap.of("format", "pt"), dtype);
  }

  // ------------------------------------------------------------------ the walk

  /** A module found by the walk, with its purenet path. */
  private record Found(String path, TorchModule module) {}

  private Vector<TorchModule> modules(Layer model) {
    return walk(model).map(Found::module);
  }

  private Vector<Found> walk(Layer model) {
    Vector<String> unsupported = Vector.empty();
    Vector<Found> found = Vector.empty();
    Vector<Tuple2<String, Tuple2<String, Layer>>> todo = Vector.of(new Tuple2<>("", new Tuple2<>(names.getOrElse("", ""), model)));
    while (!todo.isEmpty()) {
      String path = todo.head()._1;
      String prefix = todo.head()._2._1;
      Layer layer = todo.head()._2._2;
      todo = todo.tail();
      if (TorchModule.supports(layer)) {
        found = found.append(new Found(path, new TorchModule(layer, prefix)));
        continue;
      }
      LinkedHashMap<String, Layer> children = layer.children();
      if (!children.isEmpty()) {
        Vector<Tuple2<String, Tuple2<String, Layer>>> next = Vector.empty();
        for (Tuple2<String, Layer> c : children) {
          String childPath = path.isEmpty() ? c._1 : path + "/" + c._1;
          String derived = children.size() == 1 ? prefix : prefix.isEmpty() ? c._1 : prefix + "." + c._1;
          next = next.append(new Tuple2<>(childPath, new Tuple2<>(names.getOrElse(childPath, derived), c._2)));
        }
        todo = next.appendAll(todo);
      } else if (layer.params().leafCount() > 0 || layer.state().leafCount() > 0) {
        unsupported = unsupported.append((path.isEmpty() ? "the model" : path) + " (" + layer.name() + ")");
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("no PyTorch layout for the layers with parameters at "
          + unsupported.mkString(", ") + "; PyTorchWeights maps Dense, Conv1d, Conv2d, Embedding, BatchNorm, LayerNorm,"
          + " GroupNorm and Scan of ElmanRnn, Lstm or Gru");
    }
    return found;
  }

  /** {@code tree} with the leaves under {@code path} replaced by those of {@code local}. */
  private static Tree substitute(Tree tree, String path, Tree local) {
    LinkedHashMap<String, Tensor> replace = LinkedHashMap.ofEntries(local.flatten()
        .map(t -> new Tuple2<>(path.isEmpty() ? t._1 : t._1.isEmpty() ? path : path + "/" + t._1, t._2)));
    return tree.mapWithPath((p, t) -> replace.getOrElse(p, t));
  }
}
