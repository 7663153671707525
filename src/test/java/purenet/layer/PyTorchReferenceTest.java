package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.io.Safetensors;
import purenet.layer.conv.AvgPool2d;
import purenet.layer.conv.Conv1d;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.tensor.Convolution;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;
import purenet.tree.Tree;

/**
 * Conv2d, Conv1d, MaxPool2d, AvgPool2d and Embedding against PyTorch float64: outputs and the
 * gradients of Σ g·y with respect to the input and every parameter, for per-axis strides, symmetric
 * and asymmetric padding, 'same' with even kernels, and dilation. The values were written by
 * {@code src/test/resources/purenet/pytorch/layer_references.py} (committed next to them; the test
 * needs no PyTorch).
 *
 * <p>Tolerance: every element within 1e-12 × the largest magnitude of the reference tensor. The
 * values are sums of at most 48 products of N(0, 1) numbers, whose rounding in either library is a
 * few ulps of the largest partial sum; any indexing error is of order 1.
 */
class PyTorchReferenceTest {
  private static final double TOLERANCE = 1e-12;
  private static Tree references;

  @BeforeAll
  static void read(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("layer-references.safetensors");
    try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream("/purenet/pytorch/layer-references.safetensors")) {
      Files.copy(in, file);
    }
    references = Safetensors.read(file);
  }

  private static int[] geometry(Tree c) {
    double[] g = c.tensor("geometry").toArray();
    int[] out = new int[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = (int) g[i];
    }
    return out;
  }

  /** Runs the layer on the case's x and g and compares y, ∂/∂x (unless skipped) and every parameter gradient. */
  private static void check(String name, Layer layer, Tree c, boolean inputGrad) {
    Forward f = layer.forward(c.tensor("x"), Mode.eval());
    close(name + " y", c.tensor("y"), f.output());
    Grads grads = f.backward().apply(c.tensor("g"));
    if (inputGrad) {
      close(name + " grad_x", c.tensor("grad_x"), grads.input());
    }
    for (String path : layer.params().paths()) {
      close(name + " grad_" + path, c.tensor("grad_" + path), grads.params().tensor(path));
    }
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what + " shape");
    double scale = Math.max(Math.abs(expected.max()), Math.abs(expected.min()));
    double diff = expected.maxAbsDifference(actual);
    assertTrue(diff <= TOLERANCE * scale, what + ": max difference " + diff + " exceeds " + TOLERANCE + " × " + scale);
  }

  private static int cases(String layer) {
    return references.child(layer).paths().map(p -> p.substring(0, p.indexOf('/'))).distinct().size();
  }

  @Test
  void conv2dMatchesPyTorch() {
    Tree all = references.child("conv2d");
    assertEquals(6, cases("conv2d"));
    for (String name : all.paths().map(p -> p.substring(0, p.indexOf('/'))).distinct()) {
      Tree c = all.child(name);
      int[] g = geometry(c);
      Convolution geometry = new Convolution(new WindowAxis(g[2], g[4], g[5], g[8]), new WindowAxis(g[3], g[6], g[7], g[9]));
      Option<Tensor> bias = c.get("bias").map(t -> c.tensor("bias"));
      Conv2d layer = new Conv2d(c.tensor("weight"), bias, geometry);
      if (name.startsWith("same")) {
        Conv2d same = new Conv2d(c.tensor("weight"), bias, 1, 0, 1).withDilation(g[8], g[9]).withSamePadding();
        assertEquals(geometry, same.geometry(), name + ": 'same' padding as PyTorch's");
      }
      check("conv2d " + name, layer, c, true);
    }
  }

  @Test
  void conv1dMatchesPyTorch() {
    Tree all = references.child("conv1d");
    assertEquals(3, cases("conv1d"));
    for (String name : all.paths().map(p -> p.substring(0, p.indexOf('/'))).distinct()) {
      Tree c = all.child(name);
      int[] g = geometry(c);
      Conv1d layer = new Conv1d(c.tensor("weight"), Option.of(c.tensor("bias")), new WindowAxis(g[1], g[2], g[3], g[4]));
      if (name.startsWith("same")) {
        assertEquals(layer, Conv1d.of(c.tensor("weight"), c.tensor("bias")).withDilation(g[4]).withSamePadding());
      }
      check("conv1d " + name, layer, c, true);
    }
  }

  @Test
  void poolsMatchPyTorch() {
    assertEquals(3, cases("maxpool2d"));
    assertEquals(2, cases("avgpool2d"));
    for (String kind : new String[] {"maxpool2d", "avgpool2d"}) {
      Tree all = references.child(kind);
      for (String name : all.paths().map(p -> p.substring(0, p.indexOf('/'))).distinct()) {
        Tree c = all.child(name);
        int[] g = geometry(c);
        WindowAxis v = new WindowAxis(g[2], g[4], g[5], g[8]);
        WindowAxis h = new WindowAxis(g[3], g[6], g[7], g[9]);
        Layer layer = kind.equals("maxpool2d") ? new MaxPool2d(g[0], g[1], v, h) : new AvgPool2d(g[0], g[1], v, h);
        check(kind + " " + name, layer, c, true);
      }
    }
  }

  @Test
  void embeddingMatchesPyTorch() {
    Tree all = references.child("embedding");
    assertEquals(2, cases("embedding"));
    for (String name : all.paths().map(p -> p.substring(0, p.indexOf('/'))).distinct()) {
      Tree c = all.child(name);
      Embedding layer = new Embedding(c.tensor("weight"));
      check("embedding " + name, layer, c, false);
      Grads grads = layer.forward(c.tensor("x"), Mode.eval()).backward().apply(c.tensor("g"));
      assertEquals(Tensor.zeros(c.tensor("x").shape()), grads.input(), "ids get no gradient");
    }
  }
}
