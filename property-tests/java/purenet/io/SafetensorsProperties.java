package purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import purenet.testkit.TensorArbitraries;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Laws of the safetensors files: writing then reading is the identity on trees (bit for bit, in
 * tree order) and on metadata; a template restores the nodes without leaves; every strict prefix
 * of a valid file is rejected with an {@link IOException} naming the file.
 *
 * <p>Trees are up to three levels deep, nodes have 1..3 children with distinct names drawn from
 * letters, digits, punctuation, quotes, backslashes, spaces, control and non-ASCII characters (never
 * '/'); leaves are tensors of rank 0..3 with dimensions 1..4 (from {@link TensorArbitraries}) or of
 * a shape with a zero dimension, whose elements are ordinary numbers or, one in four, one of −0.0,
 * ±∞, NaN, the smallest subnormals and normal, and the largest finite doubles.
 */
class SafetensorsProperties {

  private static final double[] SPECIAL = {
      -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE,
      -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MIN_NORMAL / 7, Double.MAX_VALUE, -Double.MAX_VALUE};

  private static Arbitrary<Double> elements() {
    Arbitrary<Double> special = Arbitraries.of(Arrays.stream(SPECIAL).boxed().toArray(Double[]::new));
    return Arbitraries.frequencyOf(Tuple.of(3, TensorArbitraries.values(-1e6, 1e6)), Tuple.of(1, special));
  }

  private static Arbitrary<Tensor> tensors() {
    Arbitrary<Shape> shapes = Arbitraries.frequencyOf(
        Tuple.of(9, TensorArbitraries.shapes(0, 3, 4)),
        Tuple.of(1, Arbitraries.of(Shape.of(0), Shape.of(2, 0), Shape.of(0, 3))));
    return shapes.flatMap(s -> elements().list().ofSize(s.size()).map(v -> TensorArbitraries.tensorOf(v, s)));
  }

  private static Arbitrary<String> nameStrings() {
    return Arbitraries.strings().withCharRange('a', 'd').withCharRange('0', '2')
        .withChars('.', '_', ' ', '"', '\\', '\n', '\u0001', 'é', '✓', '\u00a0')
        .ofMinLength(1).ofMaxLength(3);
  }

  static Arbitrary<Tree> trees(int depth) {
    Arbitrary<Tree> leaf = tensors().map(Tree::leaf);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<List<String>> names = nameStrings().list().uniqueElements().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Tree> node = names.flatMap(ns -> trees(depth - 1).list().ofSize(ns.size())
        .map(children -> Tree.node(Vector.ofAll(ns).zip(children))));
    return Arbitraries.frequencyOf(Tuple.of(1, leaf), Tuple.of(4, node));
  }

  @Provide
  Arbitrary<Tree> trees() {
    return trees(3);
  }

  @Provide
  Arbitrary<Map<String, String>> metadata() {
    Arbitrary<String> values = Arbitraries.strings().withCharRange(' ', '~').withChars('\n', 'é', '✓').ofMaxLength(6);
    return Arbitraries.maps(nameStrings(), values).ofMaxSize(3);
  }

  private static void assertBitIdentical(Tree expected, Tree actual) {
    assertEquals(expected.paths(), actual.paths(), "paths in tree order");
    for (int i = 0; i < expected.leafCount(); i++) {
      Tensor a = expected.leaves().get(i);
      Tensor b = actual.leaves().get(i);
      assertEquals(a.shape(), b.shape());
      for (int j = 0; j < a.size(); j++) {
        // NaN payloads are not promised; every other value keeps its exact bits (−0.0 included).
        if (!(Double.isNaN(a.at(j)) && Double.isNaN(b.at(j)))) {
          assertEquals(Double.doubleToRawLongBits(a.at(j)), Double.doubleToRawLongBits(b.at(j)),
              expected.paths().get(i) + "[" + j + "]: " + a.at(j) + " read as " + b.at(j));
        }
      }
    }
  }

  private static Path temporary() throws IOException {
    return Files.createTempFile("purenet-properties", ".safetensors");
  }

  @Property(tries = 200)
  void writingThenReadingIsTheIdentity(@ForAll("trees") Tree tree, @ForAll("metadata") Map<String, String> metadata)
      throws IOException {
    Path file = temporary();
    try {
      LinkedHashMap<String, String> meta = LinkedHashMap.ofAll(metadata);
      Safetensors.write(file, tree, meta);
      TreeFile read = Safetensors.readWithMetadata(file);
      assertEquals(tree, read.tree());
      assertBitIdentical(tree, read.tree());
      assertEquals(meta, read.metadata());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A node without leaves (a layer without parameters) is not stored, but a template brings it back. */
  @Property(tries = 200)
  void aTemplateRestoresNodesWithoutLeaves(@ForAll("trees") Tree tree, @ForAll("names") String empty)
      throws IOException {
    Tree withEmpty = tree instanceof Tree.Node node && !node.children().containsKey(empty)
        ? node.with(empty, Tree.empty()) : Tree.empty().with(empty, Tree.empty()).with(empty + "+", tree);
    Path file = temporary();
    try {
      Safetensors.write(file, withEmpty);
      assertEquals(withEmpty, Safetensors.read(file, withEmpty.zerosLike()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<String> names() {
    return nameStrings();
  }

  /** Every strict prefix of a file is rejected with a message naming the file, never read as something else. */
  @Property(tries = 200)
  void everyTruncationIsRejected(@ForAll("trees") Tree tree, @ForAll @IntRange(min = 0, max = 1 << 20) int where)
      throws IOException {
    Path file = temporary();
    Path cut = temporary();
    try {
      Safetensors.write(file, tree);
      byte[] bytes = Files.readAllBytes(file);
      int length = where % bytes.length;
      Files.write(cut, Arrays.copyOf(bytes, length));
      IOException e = assertThrows(IOException.class, () -> Safetensors.read(cut));
      assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(cut);
    }
  }

  /** A tree that is one leaf round-trips (under the tensor name ""). */
  @Property(tries = 200)
  void aRootLeafRoundTrips(@ForAll("rootLeaves") Tree leaf) throws IOException {
    Path file = temporary();
    try {
      Safetensors.write(file, leaf);
      assertEquals(leaf, Safetensors.read(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<Tree> rootLeaves() {
    return tensors().map(Tree::leaf);
  }
}
