package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.collection.Vector;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class TabularTest {
  @TempDir Path dir;

  @Test
  void sklearnLayoutGivesFeaturesLabelsAndClassNames() throws IOException {
    Path file = write("iris.csv", "3,2,setosa,versicolor,virginica\n5.1,3.5,0\n4.9,3.0,2\n6.2,3.4,1\n");
    Tabular t = Tabular.iris(dir).get();
    assertEquals("iris", t.name());
    assertEquals(Vector.of("setosa", "versicolor", "virginica"), t.classes());
    assertEquals(3, t.classCount());
    assertEquals(Tensor.of(new double[][] {{5.1, 3.5}, {4.9, 3.0}, {6.2, 3.4}}), t.data().features());
    assertEquals(Tensor.vector(0, 2, 1), t.data().labels());
    assertEquals(t, Tabular.readSklearn(file, "iris"));
  }

  @Test
  void headerCountsMustMatchTheRowsAndColumns() throws IOException {
    Path rows = write("rows.csv", "4,2,a,b\n1,2,0\n3,4,1\n");
    CsvTest.assertMessage(failure(() -> Tabular.readSklearn(rows, "x")), rows.toString(),
        "declares 4 examples", "found 2 rows");
    Path cols = write("cols.csv", "2,3,a,b\n1,2,0\n3,4,1\n");
    CsvTest.assertMessage(failure(() -> Tabular.readSklearn(cols, "x")), cols.toString(),
        "declares 3 features", "4 columns with the label", "found 3");
    Path header = write("header.csv", "sepal,petal,class\n1,2,0\n");
    CsvTest.assertMessage(failure(() -> Tabular.readSklearn(header, "x")), header + ":1:",
        "n_samples,n_features,class names", "'sepal,petal,class'");
  }

  @Test
  void labelsMustBeClassIndices() throws IOException {
    Path file = write("labels.csv", "2,1,a,b\n1,0\n2,2\n");
    CsvTest.assertMessage(failure(() -> Tabular.readSklearn(file, "x")), file.toString(),
        "label 2.0 of example 1", "not a class index in 0..1");
    Path fraction = write("fraction.csv", "1,1,a,b\n1,0.5\n");
    CsvTest.assertMessage(failure(() -> Tabular.readSklearn(fraction, "x")), fraction.toString(), "label 0.5");
  }

  @Test
  void digitsAreEightByEightImagesScaledToOne() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 64; j++) {
        rows.append((j + r) % 17).append(',');
      }
      rows.append(r * 4).append('\n');
    }
    Files.write(dir.resolve("digits.csv.gz"), IdxTest.gzip(rows.toString().getBytes(StandardCharsets.UTF_8)));
    Tabular digits = Tabular.digits(dir).get();
    assertEquals(Shape.of(3, 1, 8, 8), digits.data().features().shape());
    assertEquals(Tensor.vector(0, 4, 8), digits.data().labels());
    assertEquals(16 / 16.0, digits.data().features().get(0, 0, 2, 0), 0.0);
    assertEquals(10, digits.classCount());
  }

  @Test
  void scaledDiabetesColumnsHaveMeanZeroAndNormOne() throws IOException {
    Files.write(dir.resolve("diabetes_data_raw.csv.gz"),
        IdxTest.gzip("59 2 32.1\n48 1 21.6\n72 2 30.5\n24 1 25.3\n".getBytes(StandardCharsets.UTF_8)));
    Files.write(dir.resolve("diabetes_target.csv.gz"),
        IdxTest.gzip("1.51e+02\n7.5e+01\n1.41e+02\n2.06e+02\n".getBytes(StandardCharsets.UTF_8)));
    Tabular raw = Tabular.diabetes(dir, false).get();
    assertEquals(59.0, raw.data().features().get(0, 0), 0.0);
    assertEquals(Tensor.vector(151, 75, 141, 206), raw.data().labels());
    Tensor x = Tabular.diabetes(dir).get().data().features();
    // sums of four values of magnitude <= 1: within 1e-12 of the exact 0 and 1
    assertTrue(x.sum(0).allClose(Tensor.zeros(3), 0, 1e-12), x.sum(0).toString());
    assertTrue(x.square().sum(0).allClose(Tensor.ones(3), 0, 1e-12), x.square().sum(0).toString());
    assertTrue(Tabular.diabetes(dir).get().classes().isEmpty());
  }

  @Test
  void aMissingFileSaysHowToFetchIt() {
    Try<Tabular> wine = Tabular.wine(dir);
    assertTrue(wine.isFailure());
    assertTrue(wine.getCause() instanceof NoSuchFileException, wine.getCause().toString());
    CsvTest.assertMessage((Exception) wine.getCause(), dir.resolve("wine_data.csv").toString(),
        "scripts/fetch-data.sh", "purenet.data", "PURENET_DATA", "./data");
    assertFalse(Tabular.available(dir));
  }

  // ---------------------------------------------------------------- the real files, when fetched

  @Test
  void realScikitLearnFiles() {
    Path sk = Tabular.defaultDir();
    assumeTrue(Tabular.available(sk), "scikit-learn CSVs not found in " + sk.toAbsolutePath()
        + "; run scripts/fetch-data.sh to test them");
    Tabular iris = Tabular.iris(sk).get();
    assertEquals(Shape.of(150, 4), iris.data().features().shape());
    assertEquals(Vector.of("setosa", "versicolor", "virginica"), iris.classes());
    for (int c = 0; c < 3; c++) {
      int k = c;
      assertEquals(50, iris.data().labels().map(v -> v == k ? 1 : 0).sum(), 0.0);
    }
    Tabular wine = Tabular.wine(sk).get();
    assertEquals(Shape.of(178, 13), wine.data().features().shape());
    assertEquals(3, wine.classCount());
    Tabular cancer = Tabular.breastCancer(sk).get();
    assertEquals(Shape.of(569, 30), cancer.data().features().shape());
    assertEquals(Vector.of("malignant", "benign"), cancer.classes());
    Tabular digits = Tabular.digits(sk).get();
    assertEquals(Shape.of(1797, 1, 8, 8), digits.data().features().shape());
    assertEquals(0.0, digits.data().features().min(), 0.0);
    assertEquals(1.0, digits.data().features().max(), 0.0);
    assertEquals(9.0, digits.data().labels().max(), 0.0);
    Tabular diabetes = Tabular.diabetes(sk).get();
    assertEquals(Shape.of(442, 10), diabetes.data().features().shape());
    // sklearn.datasets.load_diabetes().data[0, 0] and .target[0]; 1e-12 relative covers the
    // different summation order of NumPy's mean and std
    assertEquals(0.0380759064334241, diabetes.data().features().get(0, 0), 1e-12 * 0.038);
    assertEquals(151.0, diabetes.data().labels().at(0), 0.0);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private interface Read {
    Tabular run() throws IOException;
  }

  private static IOException failure(Read read) {
    return org.junit.jupiter.api.Assertions.assertThrows(IOException.class, read::run);
  }
}
