package purenet.io;

import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import purenet.layer.Dense;
import purenet.layer.Embedding;
import purenet.layer.Layer;
import purenet.layer.conv.Conv1d;
import purenet.layer.conv.Conv2d;
import purenet.layer.norm.BatchNorm;
import purenet.layer.norm.GroupNorm;
import purenet.layer.norm.LayerNorm;
import purenet.layer.recurrent.ElmanRnn;
import purenet.layer.recurrent.Gru;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * One purenet layer seen as the PyTorch module with the same parameters: the {@code state_dict}
 * entries it expects, how to install them, and how to produce them. See {@link PyTorchWeights}
 * for the table of layouts.
 *
 * @param layer  the purenet layer
 * @param prefix the PyTorch module name ({@code "features.0"}), empty for a model that is one module
 */
record TorchModule(Layer layer, String prefix) {

  /** Whether purenet knows the PyTorch layout of this layer. */
  static boolean supports(Layer layer) {
    return layer instanceof Dense || layer instanceof Conv2d || layer instanceof Conv1d || layer instanceof Embedding
        || layer instanceof BatchNorm || layer instanceof LayerNorm || layer instanceof GroupNorm
        || layer instanceof Scan s && (s.cell() instanceof Lstm || s.cell() instanceof Gru || s.cell() instanceof ElmanRnn);
  }

  private String key(String local) {
    return prefix.isEmpty() ? local : prefix + "." + local;
  }

  /** The PyTorch entries of this module, in PyTorch's order, with their shapes. */
  LinkedHashMap<String, Shape> expected() {
    return export().mapValues(Tensor::shape);
  }

  /** Entries PyTorch stores that purenet reads nothing from (reported, not fatal, when importing). */
  Set<String> ignorable() {
    return layer instanceof BatchNorm ? HashSet.of(key("num_batches_tracked")) : HashSet.empty();
  }

  /** The {@code state_dict} entries of this module, as PyTorch lays them out. */
  LinkedHashMap<String, Tensor> export() {
    LinkedHashMap<String, Tensor> out = LinkedHashMap.empty();
    if (layer instanceof Dense d) {
      out = out.put(key("weight"), d.weight().transpose());
      if (d.bias().isDefined()) {
        out = out.put(key("bias"), d.bias().get());
      }
    } else if (layer instanceof Conv2d || layer instanceof Conv1d || layer instanceof Embedding) {
      for (var leaf : layer.params().flatten()) {
        out = out.put(key(leaf._1), leaf._2);
      }
    } else if (layer instanceof BatchNorm b) {
      out = out.put(key("weight"), b.gamma()).put(key("bias"), b.beta())
          .put(key("running_mean"), b.running().mean()).put(key("running_var"), b.running().variance())
          .put(key("num_batches_tracked"), Tensor.scalar(b.running().count()));
    } else if (layer instanceof LayerNorm n) {
      out = out.put(key("weight"), n.gamma()).put(key("bias"), n.beta());
    } else if (layer instanceof GroupNorm n) {
      out = out.put(key("weight"), n.gamma()).put(key("bias"), n.beta());
    } else if (layer instanceof Scan s) {
      Tree p = s.params();
      out = out.put(key("weight_ih_l0"), p.tensor("inputWeight").transpose())
          .put(key("weight_hh_l0"), p.tensor("recurrentWeight").transpose());
      if (s.cell() instanceof Gru) {
        out = out.put(key("bias_ih_l0"), p.tensor("inputBias")).put(key("bias_hh_l0"), p.tensor("recurrentBias"));
      } else {
        Tensor b = p.tensor("bias");
        out = out.put(key("bias_ih_l0"), b).put(key("bias_hh_l0"), Tensor.zeros(b.shape()));
      }
    }
    return out;
  }

  /**
   * The layer with the entries of {@code file} installed; every expected key is present with its
   * expected shape (checked before).
   */
  Layer load(Map<String, Tensor> file) {
    if (layer instanceof Dense d) {
      return d.withParams(d.params().mapWithPath((p, t) -> p.equals("weight") ? get(file, "weight").transpose()
          : get(file, p)));
    }
    if (layer instanceof Conv2d || layer instanceof Conv1d || layer instanceof Embedding) {
      return layer.withParams(layer.params().mapWithPath((p, t) -> get(file, p)));
    }
    if (layer instanceof BatchNorm b) {
      Tree params = Tree.empty().with("gamma", get(file, "weight")).with("beta", get(file, "bias"));
      // PyTorch's running statistics are in effect from the start (mean 0, variance 1), so purenet
      // counts them as initialised: later training averages into them instead of replacing them.
      Tree state = b.state().mapWithPath((p, t) -> switch (p) {
        case "mean" -> get(file, "running_mean");
        case "variance" -> get(file, "running_var");
        case "count" -> Tensor.scalar(Math.max(1, b.running().count()));
        default -> t;
      });
      return b.withParams(b.params().mapWithPath((p, t) -> params.tensor(p))).withState(state);
    }
    if (layer instanceof LayerNorm || layer instanceof GroupNorm) {
      return layer.withParams(layer.params().mapWithPath((p, t) -> get(file, p.equals("gamma") ? "weight" : "bias")));
    }
    if (layer instanceof Scan s) {
      return s.withParams(s.params().mapWithPath((p, t) -> switch (p) {
        case "inputWeight" -> get(file, "weight_ih_l0").transpose();
        case "recurrentWeight" -> get(file, "weight_hh_l0").transpose();
        case "inputBias" -> get(file, "bias_ih_l0");
        case "recurrentBias" -> get(file, "bias_hh_l0");
        case "bias" -> get(file, "bias_ih_l0").add(get(file, "bias_hh_l0"));
        default -> throw new IllegalStateException("unknown recurrent parameter " + p);
      }));
    }
    throw new IllegalStateException("no PyTorch layout for " + layer.name());
  }

  private Tensor get(Map<String, Tensor> file, String local) {
    return file.get(key(local)).getOrElseThrow(() -> new IllegalStateException("checked key " + key(local) + " is absent"));
  }
}
