package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import purenet.tree.Tree;

/**
 * What a safetensors file holds, as purenet sees it: a tree of tensors, the string metadata and
 * the dtype each tensor was stored in.
 *
 * @param tree     the tensors, by path, in the order of their data in the file
 * @param metadata the {@code __metadata__} entries in the order of the file; empty if it has none
 * @param dtypes   each tensor's dtype in the file, by name, in the order of the data
 */
public record TreeFile(Tree tree, LinkedHashMap<String, String> metadata, LinkedHashMap<String, Dtype> dtypes) {

  /**
   * Rejects nulls.
   *
   * @param tree the tensors, by path, in the order of their data in the file
   * @param metadata the {@code __metadata__} entries in the order of the file; empty if it has none
   * @param dtypes each tensor's dtype in the file, by name, in the order of the data
   */
  public TreeFile {
    if (tree == null || metadata == null || dtypes == null) {
      throw new IllegalArgumentException("a TreeFile needs a tree, metadata and dtypes, got " + tree + ", " + metadata
          + ", " + dtypes);
    }
  }

  /**
   * A file's tree and metadata, every tensor taken as F64.
   *
   * @param tree     the tensors
   * @param metadata the metadata
   */
  public TreeFile(Tree tree, LinkedHashMap<String, String> metadata) {
    this(tree, metadata, tree == null ? LinkedHashMap.empty()
        : LinkedHashMap.ofEntries(tree.flatten().map(t -> new Tuple2<>(t._1, Dtype.F64))));
  }
}
