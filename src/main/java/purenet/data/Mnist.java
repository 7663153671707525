package purenet.data;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * MNIST (LeCun, Bottou, Bengio, Haffner 1998, "Gradient-based learning applied to document
 * recognition") or Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), which has the same format: a
 * training set of 60,000 and a test set of 10,000 grey-scale 28×28 images in 10 classes.
 *
 * <p>Features are images of shape (n, 1, 28, 28) — (batch, channels, height, width) — with pixels
 * scaled from 0..255 to [0, 1] (p / 255); {@link #flat()} gives (n, 784) for dense networks.
 * Labels are class indices of shape (n) with values 0..9 (use {@link Dataset#oneHot} for (n, 10)).
 *
 * <p>A folder holds the four IDX files {@link #FILES}, each either raw or gzip-compressed (with
 * or without a {@code .gz} suffix): {@code scripts/fetch-data.sh} puts MNIST raw in
 * {@code data/mnist/} and Fashion-MNIST gzipped in {@code data/fashion-mnist/}.
 * When they are missing, {@link SyntheticDigits} gives a small stand-in that is not MNIST:
 *
 * <pre>{@code
 * Mnist data = Mnist.load().getOrElse(() -> SyntheticDigits.standard().mnist(Key.of(0), 2000, 500));
 * Dataset train = data.flat().train();          // (n, 784) features, (n) labels
 * }</pre>
 *
 * @param train the training set
 * @param test  the test set
 */
public record Mnist(Dataset train, Dataset test) {
  /** Training images, (60000, 28, 28) unsigned bytes. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** Training labels, (60000) unsigned bytes. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** Test images, (10000, 28, 28) unsigned bytes. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** Test labels, (10000) unsigned bytes. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  /** The four files of a folder, each optionally with a {@code .gz} suffix. */
  public static final Vector<String> FILES = Vector.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  /** Number of classes. */
  public static final int CLASSES = 10;
  /** MNIST's class names: the digits. */
  public static final Vector<String> DIGIT_CLASSES = Vector.range(0, CLASSES).map(String::valueOf);
  /** Fashion-MNIST's class names, by index. */
  public static final Vector<String> FASHION_CLASSES = Vector.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /**
   * Checks that both sets are present and have examples of the same shape.
   *
   * @param train the training set
   * @param test the test set
   */
  public Mnist {
    if (train == null || test == null) {
      throw new IllegalArgumentException("Mnist needs a train and a test set, got " + train + " and " + test);
    }
    if (!train.features().shape().without(0).equals(test.features().shape().without(0))) {
      throw new IllegalArgumentException("train and test examples must have the same shape, got features "
          + train.features().shape() + " and " + test.features().shape());
    }
  }

  /** {@return the folder of MNIST: {@code mnist} under {@link DataHome}} */
  public static Path defaultDir() {
    return DataHome.resolve("mnist");
  }

  /** {@return the folder of Fashion-MNIST: {@code fashion-mnist} under {@link DataHome}} */
  public static Path fashionDir() {
    return DataHome.resolve("fashion-mnist");
  }

  /**
   * {@return whether {@code dir} holds all four files (raw or {@code .gz})}
   *
   * @param dir the folder to look in
   */
  public static boolean available(Path dir) {
    return FILES.forAll(name -> find(dir, name).isDefined());
  }

  /** {@return MNIST from {@link #defaultDir()}} */
  public static Try<Mnist> load() {
    return load(defaultDir());
  }

  /**
   * {@return MNIST from {@link #defaultDir()} or, when it cannot be loaded, {@code trainSize}
   * training and {@code testSize} test images of {@link SyntheticDigits#standard()} drawn from
   * {@code key}, after handing {@code notice} one line that gives the reason and says the stand-in
   * is not MNIST} For programs that must still run where the data was not fetched.
   *
   * @param trainSize the number of generated training images, used only as a stand-in
   * @param testSize the number of generated test images, used only as a stand-in
   * @param key the key of the generated images
   * @param notice receives the one-line notice when the stand-in is used
   */
  public static Mnist loadOrSynthetic(int trainSize, int testSize, Key key, Consumer<String> notice) {
    return loadOrSynthetic(defaultDir(), trainSize, testSize, key, notice);
  }

  /**
   * {@return {@link #loadOrSynthetic(int, int, Key, Consumer)} with MNIST read from {@code dir}}
   *
   * @param dir the folder holding the four files
   * @param trainSize the number of generated training images, used only as a stand-in
   * @param testSize the number of generated test images, used only as a stand-in
   * @param key the key of the generated images
   * @param notice receives the one-line notice when the stand-in is used
   */
  public static Mnist loadOrSynthetic(Path dir, int trainSize, int testSize, Key key, Consumer<String> notice) {
    return load(dir).getOrElseGet(problem -> {
      notice.accept("MNIST not loaded (" + problem.getMessage() + "); using " + trainSize + " + " + testSize
          + " generated digits (SyntheticDigits) instead, which are NOT MNIST");
      return SyntheticDigits.standard().mnist(key, trainSize, testSize);
    });
  }

  /** {@return Fashion-MNIST from {@link #fashionDir()}} */
  public static Try<Mnist> fashion() {
    return load(fashionDir());
  }

  /**
   * {@return the data set in {@code dir}: a failure naming the missing file (and how to fetch it) if
   * one is missing, or naming the file and the problem if one is malformed (wrong type or rank,
   * label outside 0..9, image and label counts that differ, see also {@link Idx})}
   *
   * @param dir the folder holding the four files
   */
  public static Try<Mnist> load(Path dir) {
    return Try.of(() -> new Mnist(
        read(file(dir, TRAIN_IMAGES), file(dir, TRAIN_LABELS)),
        read(file(dir, TEST_IMAGES), file(dir, TEST_LABELS))));
  }

  /** {@return the same examples with features reshaped from (n, 1, h, w) to (n, h·w); no copy} */
  public Mnist flat() {
    return new Mnist(train.flat(), test.flat());
  }

  /**
   * {@return the first {@code trainSize} training and {@code testSize} test examples, for quick
   * runs}
   *
   * @param trainSize how many training examples to keep
   * @param testSize how many test examples to keep
   */
  public Mnist take(int trainSize, int testSize) {
    return new Mnist(train.take(trainSize), test.take(testSize));
  }

  /**
   * {@return images and labels from a pair of IDX files: images unsigned bytes (n, h, w), scaled to
   * [0, 1] and shaped (n, 1, h, w); labels unsigned bytes (n) in 0..9}
   *
   * @param images the IDX file of images
   * @param labels the IDX file of labels, one per image
   * @throws IOException naming the file if either is unreadable or not of that form
   */
  public static Dataset read(Path images, Path labels) throws IOException {
    IdxHeader image = Idx.header(images);
    if (image.type() != IdxType.UNSIGNED_BYTE || image.shape().rank() != 3) {
      throw new IOException(images + ": expected images, unsigned bytes of shape (n, height, width), found "
          + image.type() + " of shape " + image.shape());
    }
    IdxHeader label = Idx.header(labels);
    int n = image.shape().dim(0);
    if (label.type() != IdxType.UNSIGNED_BYTE || label.shape().rank() != 1 || label.shape().dim(0) != n) {
      throw new IOException(labels + ": expected " + n + " labels (as " + images.getFileName()
          + " has images), unsigned bytes of shape (" + n + "), found " + label.type() + " of shape " + label.shape());
    }
    Tensor y = Idx.read(labels);
    for (int i = 0; i < n; i++) {
      if (y.at(i) >= CLASSES) {
        throw new IOException(labels + ": label " + (int) y.at(i) + " of example " + i
            + " is not a class index in 0.." + (CLASSES - 1));
      }
    }
    Tensor x = Idx.read(images, p -> p / 255.0);
    return new Dataset(x.reshape(n, 1, image.shape().dim(1), image.shape().dim(2)), y);
  }

  private static Option<Path> find(Path dir, String name) {
    return Vector.of(dir.resolve(name), dir.resolve(name + ".gz")).find(Files::isRegularFile);
  }

  private static Path file(Path dir, String name) throws NoSuchFileException {
    return find(dir, name).getOrElseThrow(() -> new NoSuchFileException(dir.resolve(name) + "[.gz]", null,
        "MNIST-format file missing (or use SyntheticDigits as a stand-in, which is not MNIST). " + DataHome.help()));
  }
}
