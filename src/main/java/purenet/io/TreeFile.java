package purenet.io;

import io.vavr.collection.LinkedHashMap;
import purenet.tree.Tree;

/**
 * What a safetensors file holds, as purenet sees it: a tree of tensors and the string metadata.
 *
 * @param tree     the tensors, by path, in the order of their data in the file
 * @param metadata the {@code __metadata__} entries in the order of the file; empty if it has none
 */
public record TreeFile(Tree tree, LinkedHashMap<String, String> metadata) {

  /** Rejects nulls. */
  public TreeFile {
    if (tree == null || metadata == null) {
      throw new IllegalArgumentException("a TreeFile needs a tree and metadata, got " + tree + ", " + metadata);
    }
  }
}
