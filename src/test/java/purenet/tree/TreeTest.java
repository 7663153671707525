package purenet.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

/** {@link Tree.Node#withOptional}: a present value is a child like {@code with}, an absent one adds nothing. */
class TreeTest {

  @Test
  void withOptionalAddsAPresentValueAsWithDoes() {
    Tree.Node node = Tree.empty().with("weight", Tensor.ones(2, 3));
    Tensor bias = Tensor.vector(1, 2, 3);
    Tree.Node added = node.withOptional("bias", Option.of(bias));
    assertEquals(node.with("bias", bias), added);
    assertEquals(Vector.of("weight", "bias"), added.paths());
  }

  @Test
  void withOptionalReplacesAnExistingChildInPlace() {
    Tree.Node node = Tree.empty().with("bias", Tensor.zeros(3)).with("weight", Tensor.ones(2, 3));
    Tree.Node replaced = node.withOptional("bias", Option.of(Tensor.ones(3)));
    assertEquals(Tensor.ones(3), replaced.tensor("bias"));
    assertEquals(Vector.of("bias", "weight"), replaced.paths());
  }

  @Test
  void withOptionalOfNothingIsTheSameNode() {
    Tree.Node node = Tree.empty().with("weight", Tensor.ones(2, 3));
    assertSame(node, node.withOptional("bias", Option.none()));
  }
}
