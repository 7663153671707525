package purenet.data;

import io.vavr.collection.Vector;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import purenet.tensor.Tensor;

/**
 * A small tabular data set as scikit-learn bundles it ({@code sklearn/datasets/data/}, fetched
 * into {@code data/sklearn/} by {@code scripts/fetch-data.sh}): the examples and, for a
 * classification task, the class names (empty for regression).
 *
 * <p>Classification files ({@code iris.csv}, {@code wine_data.csv}, {@code breast_cancer.csv})
 * share one layout, read by {@link #readSklearn}: a first line {@code n_samples,n_features,
 * class names...}, then n rows of n_features values and the class index. Features are (n,
 * n_features) as in the file; labels are class indices (n). Digits and diabetes have layouts of
 * their own, described at their loaders.
 *
 * @param name    the data set's name, e.g. "iris"
 * @param data    the examples
 * @param classes the class names by index; empty for a regression target
 */
public record Tabular(String name, Dataset data, Vector<String> classes) {
  /** The files the loaders read. */
  public static final Vector<String> FILES = Vector.of("iris.csv", "wine_data.csv", "breast_cancer.csv",
      "digits.csv.gz", "diabetes_data_raw.csv.gz", "diabetes_target.csv.gz");

  /**
   * Checks that every part is present.
   *
   * @param name the data set's name, e.g. "iris"
   * @param data the examples
   * @param classes the class names by index; empty for a regression target
   */
  public Tabular {
    if (name == null || data == null || classes == null) {
      throw new IllegalArgumentException("Tabular needs a name, data and classes, got " + name + ", " + data
          + " and " + classes);
    }
  }

  /** {@return the folder of the scikit-learn files: {@code sklearn} under {@link DataHome}} */
  public static Path defaultDir() {
    return DataHome.resolve("sklearn");
  }

  /**
   * {@return whether {@code dir} holds every file of {@link #FILES}}
   *
   * @param dir the folder to look in
   */
  public static boolean available(Path dir) {
    return FILES.forAll(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /** {@return number of classes (0 for regression)} */
  public int classCount() {
    return classes.size();
  }

  /**
   * {@return Fisher's iris (1936): 150 flowers, 4 features (sepal length, sepal width, petal length,
   * petal width, in cm), 3 classes (setosa, versicolor, virginica)}
   *
   * @param dir the folder holding scikit-learn's files
   */
  public static Try<Tabular> iris(Path dir) {
    return Try.of(() -> readSklearn(require(dir, "iris.csv"), "iris"));
  }

  /**
   * {@return UCI wine recognition: 178 wines, 13 chemical features, 3 cultivars (class_0..class_2)}
   *
   * @param dir the folder holding scikit-learn's files
   */
  public static Try<Tabular> wine(Path dir) {
    return Try.of(() -> readSklearn(require(dir, "wine_data.csv"), "wine"));
  }

  /**
   * {@return wisconsin diagnostic breast cancer: 569 tumours, 30 features, classes malignant (0),
   * benign (1)}
   *
   * @param dir the folder holding scikit-learn's files
   */
  public static Try<Tabular> breastCancer(Path dir) {
    return Try.of(() -> readSklearn(require(dir, "breast_cancer.csv"), "breast_cancer"));
  }

  /**
   * {@return UCI optical handwritten digits: 1797 images of 8×8 pixels, 10 classes} The file ({@code
   * digits.csv.gz}) has 65 comma-separated columns and no header: 64 pixel counts 0..16, then the
   * digit. Features are returned as images (n, 1, 8, 8) scaled to [0, 1] (count / 16) — the layout
   * of {@link Mnist}; {@link Dataset#flat()} gives (n, 64).
   *
   * @param dir the folder holding scikit-learn's files
   */
  public static Try<Tabular> digits(Path dir) {
    return Try.of(() -> {
      Path file = require(dir, "digits.csv.gz");
      Table table = Csv.comma().read(file);
      if (table.columns() != 65) {
        throw new IOException(file + ": expected 65 columns (64 pixels and the digit), found " + table.columns());
      }
      Tensor labels = table.column(64);
      requireClassIndices(labels, 10, file);
      Tensor pixels = table.columns(0, 64);
      if (pixels.min() < 0 || pixels.max() > 16) {
        throw new IOException(file + ": expected pixel counts in 0..16, found values in [" + pixels.min() + ", "
            + pixels.max() + "]");
      }
      Tensor images = pixels.mul(1.0 / 16).reshape(table.rows(), 1, 8, 8);
      return new Tabular("digits", new Dataset(images, labels), Mnist.DIGIT_CLASSES);
    });
  }

  /**
   * {@return the diabetes regression data, scaled as scikit-learn's default: see {@link
   * #diabetes(Path, boolean)}}
   *
   * @param dir the folder holding scikit-learn's files
   */
  public static Try<Tabular> diabetes(Path dir) {
    return diabetes(dir, true);
  }

  /**
   * {@return efron et al. (2004, "Least angle regression") diabetes data: 442 patients, 10 features
   * (age, sex, body mass index, blood pressure, six blood serum measurements), target a measure of
   * disease progression one year later (25..346)} Read from {@code diabetes_data_raw.csv.gz} and
   * {@code diabetes_target.csv.gz}, both whitespace-separated. With {@code scaled}, each feature
   * column x is centred and scaled to unit Euclidean norm, (x − mean(x)) / ‖x − mean(x)‖₂ = (x −
   * mean) / (std·√n) with the population std, as {@code sklearn.datasets.load_diabetes} returns by
   * default; otherwise the raw values. Labels (n) are the raw target.
   *
   * @param dir the folder holding scikit-learn's files
   * @param scaled whether to use scikit-learn's scaled features
   */
  public static Try<Tabular> diabetes(Path dir, boolean scaled) {
    return Try.of(() -> {
      Path featureFile = require(dir, "diabetes_data_raw.csv.gz");
      Path targetFile = require(dir, "diabetes_target.csv.gz");
      Table features = Csv.whitespace().read(featureFile);
      Table target = Csv.whitespace().read(targetFile);
      if (target.columns() != 1 || target.rows() != features.rows()) {
        throw new IOException(targetFile + ": expected one column of " + features.rows() + " targets (as "
            + featureFile.getFileName() + " has rows), found shape " + target.values().shape());
      }
      Tensor x = features.values();
      if (scaled) {
        Tensor centred = x.sub(x.mean(0));
        x = centred.div(centred.square().sum(0).sqrt());
      }
      return new Tabular("diabetes", new Dataset(x, target.column(0)), Vector.empty());
    });
  }

  /**
   * {@return a classification file in scikit-learn's layout: a first line {@code n,k,class
   * names...}, then n rows of k feature values and an integer class index in 0..(classes − 1)}
   *
   * @param file the CSV file in scikit-learn's classification layout
   * @param name the data set's name
   * @throws IOException naming the file and what was expected if the counts in the first line do
   *     not match the rows and columns, or a label is not a class index
   */
  public static Tabular readSklearn(Path file, String name) throws IOException {
    Table table = new Csv(',', true).read(file);
    Vector<String> head = table.header();
    int n;
    int k;
    try {
      n = Integer.parseInt(head.get(0));
      k = Integer.parseInt(head.get(1));
    } catch (RuntimeException e) {
      throw new IOException(file + ":1: expected a header 'n_samples,n_features,class names...', found '"
          + head.mkString(",") + "'", e);
    }
    if (table.rows() != n) {
      throw new IOException(file + ": the header declares " + n + " examples, found " + table.rows() + " rows");
    }
    if (table.columns() != k + 1) {
      throw new IOException(file + ": the header declares " + k + " features, so " + (k + 1)
          + " columns with the label, found " + table.columns());
    }
    Vector<String> classes = head.drop(2);
    if (classes.isEmpty()) {
      throw new IOException(file + ":1: expected class names after the counts, found '" + head.mkString(",") + "'");
    }
    Tensor labels = table.column(k);
    requireClassIndices(labels, classes.size(), file);
    return new Tabular(name, new Dataset(table.columns(0, k), labels), classes);
  }

  private static void requireClassIndices(Tensor labels, int classes, Path file) throws IOException {
    for (int i = 0; i < labels.size(); i++) {
      double v = labels.at(i);
      if (v != Math.rint(v) || v < 0 || v >= classes) {
        throw new IOException(file + ": label " + v + " of example " + i + " (data row " + (i + 1)
            + ") is not a class index in 0.." + (classes - 1));
      }
    }
  }

  private static Path require(Path dir, String name) throws NoSuchFileException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null,
          "scikit-learn data file missing (the data sets keep them in sklearn/). " + DataHome.help());
    }
    return file;
  }
}
