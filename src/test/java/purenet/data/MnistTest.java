package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class MnistTest {
  @TempDir Path dir;

  /** Four 3×2 "images" with pixels 0..255 and their labels. */
  private static final Tensor IMAGES = Tensor.generate(Shape.of(4, 3, 2), i -> (i * 11) % 256);
  private static final Tensor LABELS = Tensor.vector(5, 0, 4, 9);

  private void writeSet(String trainSuffix, String testSuffix) throws IOException {
    Idx.write(dir.resolve(Mnist.TRAIN_IMAGES + trainSuffix), IMAGES, IdxType.UNSIGNED_BYTE);
    Idx.write(dir.resolve(Mnist.TRAIN_LABELS + trainSuffix), LABELS, IdxType.UNSIGNED_BYTE);
    Idx.write(dir.resolve(Mnist.TEST_IMAGES + testSuffix), IMAGES.slice(0, 2), IdxType.UNSIGNED_BYTE);
    Idx.write(dir.resolve(Mnist.TEST_LABELS + testSuffix), LABELS.slice(0, 2), IdxType.UNSIGNED_BYTE);
  }

  @Test
  void loadsImagesScaledToOneWithAChannelAxis() throws IOException {
    writeSet("", ".gz");
    assertTrue(Mnist.available(dir));
    Mnist m = Mnist.load(dir).get();
    assertEquals(IMAGES.map(p -> p / 255.0).reshape(4, 1, 3, 2), m.train().features());
    assertEquals(LABELS, m.train().labels());
    assertEquals(Shape.of(2, 1, 3, 2), m.test().features().shape());
    assertEquals(LABELS.slice(0, 2), m.test().labels());
  }

  @Test
  void flatAndTakeReshapeAndTruncate() throws IOException {
    writeSet(".gz", "");
    Mnist m = Mnist.load(dir).get();
    assertEquals(Shape.of(4, 6), m.flat().train().features().shape());
    assertEquals(m.train().features().toArray().length, m.flat().train().features().size());
    Mnist small = m.take(3, 1);
    assertEquals(3, small.train().size());
    assertEquals(1, small.test().size());
  }

  @Test
  void aMissingFileFailsWithItsNameAndTheFetchScript() throws IOException {
    Idx.write(dir.resolve(Mnist.TRAIN_IMAGES), IMAGES, IdxType.UNSIGNED_BYTE);
    assertFalse(Mnist.available(dir));
    Try<Mnist> m = Mnist.load(dir);
    assertTrue(m.isFailure());
    assertTrue(m.getCause() instanceof NoSuchFileException, m.getCause().toString());
    CsvTest.assertMessage((Exception) m.getCause(), dir.resolve(Mnist.TRAIN_LABELS) + "[.gz]",
        "scripts/fetch-data.sh", "SyntheticDigits", "purenet.data", "PURENET_DATA", "./data");
  }

  @Test
  void withoutTheFilesTheSyntheticStandInIsUsedAndSaysWhy() throws IOException {
    List<String> notices = new ArrayList<>();
    Mnist stand = Mnist.loadOrSynthetic(dir, 30, 10, Key.of(2), notices::add);
    assertEquals(30, stand.train().size());
    assertEquals(10, stand.test().size());
    assertEquals(SyntheticDigits.standard().mnist(Key.of(2), 30, 10), stand);
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("NOT MNIST") && notices.get(0).contains(Mnist.TRAIN_IMAGES), notices.get(0));

    writeSet("", "");
    notices.clear();
    assertEquals(Mnist.load(dir).get(), Mnist.loadOrSynthetic(dir, 30, 10, Key.of(2), notices::add));
    assertEquals(List.of(), notices);
  }

  @Test
  void wrongTypesCountsAndLabelsAreNamed() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    Idx.write(images, IMAGES, IdxType.FLOAT);
    Idx.write(labels, LABELS, IdxType.UNSIGNED_BYTE);
    CsvTest.assertMessage(failure(images, labels), images.toString(),
        "expected images, unsigned bytes of shape (n, height, width)", "FLOAT of shape (4, 3, 2)");
    Idx.write(images, IMAGES, IdxType.UNSIGNED_BYTE);
    Idx.write(labels, LABELS.slice(0, 3), IdxType.UNSIGNED_BYTE);
    CsvTest.assertMessage(failure(images, labels), labels.toString(), "expected 4 labels", "shape (3)");
    Idx.write(labels, Tensor.vector(1, 2, 10, 3), IdxType.UNSIGNED_BYTE);
    CsvTest.assertMessage(failure(images, labels), labels.toString(),
        "label 10 of example 2", "not a class index in 0..9");
  }

  private static IOException failure(Path images, Path labels) {
    return org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Mnist.read(images, labels));
  }

  // ---------------------------------------------------------------- the real files, when fetched

  @Test
  void realMnist() {
    Path mnist = Mnist.defaultDir();
    assumeTrue(Mnist.available(mnist), "MNIST not found in " + mnist.toAbsolutePath()
        + "; run scripts/fetch-data.sh to test it");
    Mnist m = Mnist.load(mnist).get();
    checkRealSet(m);
    // the first training labels of MNIST
    assertEquals(Tensor.vector(5, 0, 4, 1, 9, 2, 1, 3, 1, 4), m.train().labels().slice(0, 10));
  }

  @Test
  void realFashionMnist() {
    Path fashion = Mnist.fashionDir();
    assumeTrue(Mnist.available(fashion), "Fashion-MNIST not found in " + fashion.toAbsolutePath()
        + "; run scripts/fetch-data.sh to test it");
    checkRealSet(Mnist.load(fashion).get());
    assertEquals(10, Mnist.FASHION_CLASSES.size());
  }

  private static void checkRealSet(Mnist m) {
    assertEquals(Shape.of(60000, 1, 28, 28), m.train().features().shape());
    assertEquals(Shape.of(60000), m.train().labels().shape());
    assertEquals(Shape.of(10000, 1, 28, 28), m.test().features().shape());
    assertEquals(Shape.of(10000), m.test().labels().shape());
    for (Dataset set : new Dataset[] {m.train(), m.test()}) {
      assertEquals(0.0, set.features().min(), 0.0);
      assertEquals(1.0, set.features().max(), 0.0);
      assertEquals(0.0, set.labels().min(), 0.0);
      assertEquals(9.0, set.labels().max(), 0.0);
    }
    assertEquals(Shape.of(60000, 784), m.flat().train().features().shape());
  }
}
