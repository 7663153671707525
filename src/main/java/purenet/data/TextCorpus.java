package purenet.data;

import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import purenet.tensor.Tensor;

/**
 * A text as a sequence of symbol indices of a {@link Vocabulary}, for character-level language
 * models: predict symbol n + 1 from symbols 1 … n.
 *
 * <p>{@link #streams} cuts it into the (batch, time) chunks of truncated backpropagation through
 * time; {@link #split} keeps the order of the text (a held-out tail, not a shuffle, so no
 * validation sentence also appears in training).
 *
 * <pre>{@code
 * TextCorpus text = TextCorpus.load(TextCorpus.mobyDick()).get();
 * TextStreams chunks = text.streams(32, 50);   // chunks.batch(s): (32, 50, V) one-hot, (32, 50) next symbols
 * }</pre>
 *
 * @param vocabulary the symbols
 * @param codes      the text's symbol indices (n), integers in 0 … V − 1
 */
public record TextCorpus(Vocabulary vocabulary, Tensor codes) {

  /**
   * Checks that the codes are a vector of valid indices.
   *
   * @param vocabulary the symbols
   * @param codes the text's symbol indices (n), integers in 0 … V − 1
   */
  public TextCorpus {
    if (vocabulary == null || codes == null || codes.rank() != 1) {
      throw new IllegalArgumentException("a text corpus needs a vocabulary and a vector of symbol indices, got "
          + vocabulary + " and " + (codes == null ? "null" : codes.shape()));
    }
    for (int i = 0; i < codes.size(); i++) {
      double c = codes.at(i);
      if (c != Math.rint(c) || c < 0 || c >= vocabulary.size()) {
        throw new IllegalArgumentException("symbol indices must be integers in 0.." + (vocabulary.size() - 1)
            + ", got " + c + " at position " + i);
      }
    }
  }

  /**
   * {@return a text with the vocabulary of its own distinct characters}
   *
   * @param text the text
   */
  public static TextCorpus of(String text) {
    return of(text, Vocabulary.of(text));
  }

  /**
   * {@return a text in a given vocabulary (e.g. the training text's, for validation text)}
   *
   * @param text the text
   * @param vocabulary the vocabulary, holding every character of the text
   * @throws IllegalArgumentException naming the first character that is not a symbol
   */
  public static TextCorpus of(String text, Vocabulary vocabulary) {
    int[] indices = vocabulary.encode(text);
    double[] d = new double[indices.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = indices[i];
    }
    return new TextCorpus(vocabulary, Tensor.of(d, d.length));
  }

  /**
   * {@return a UTF-8 text file with the vocabulary of its characters; a failure naming the file if
   * unreadable}
   *
   * @param file a UTF-8 text file
   */
  public static Try<TextCorpus> load(Path file) {
    return Try.of(() -> of(Files.readString(file, StandardCharsets.UTF_8)))
        .recoverWith(e -> Try.failure(new IOException(e instanceof NoSuchFileException
            ? "the text " + file.toAbsolutePath() + " does not exist. For Moby Dick (moby-dick/moby-dick.txt in the data"
                + " folder): " + DataHome.help()
            : "cannot read the text " + file + ": " + e.getMessage(), e)));
  }

  /**
   * {@return Moby Dick's full text as {@code scripts/fetch-data.sh} stores it: {@code
   * moby-dick/moby-dick.txt} under {@link DataHome}}
   */
  public static Path mobyDick() {
    return DataHome.resolve("moby-dick").resolve("moby-dick.txt");
  }

  /** {@return the number of symbols in the text} */
  public int length() {
    return codes.size();
  }

  /**
   * {@return the symbol index at {@code position}}
   *
   * @param position a position in [0, length)
   */
  public int at(int position) {
    return (int) codes.at(position);
  }

  /**
   * {@return the symbol indices from {@code from} (inclusive) to {@code to} (exclusive)}
   *
   * @param from the first position (inclusive)
   * @param to the end position (exclusive)
   */
  public int[] indices(int from, int to) {
    if (from < 0 || to > length() || from > to) {
      throw new IndexOutOfBoundsException("indices [" + from + ", " + to + ") of a text of length " + length());
    }
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = at(from + i);
    }
    return out;
  }

  /**
   * {@return symbols {@code from} (inclusive) to {@code to} (exclusive), in the same vocabulary}
   *
   * @param from the first position (inclusive)
   * @param to the end position (exclusive)
   */
  public TextCorpus slice(int from, int to) {
    return new TextCorpus(vocabulary, codes.slice(from, to));
  }

  /** {@return the text itself} */
  public String text() {
    return vocabulary.decode(indices(0, length()));
  }

  /**
   * {@return the first (1 − fraction) of the text for training and the last {@code fraction} for
   * validation, both in this vocabulary}
   *
   * @param validationFraction the fraction of the text for validation, in (0, 1)
   * @throws IllegalArgumentException unless 0 &lt; fraction &lt; 1
   */
  public Split split(double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
    }
    int cut = (int) Math.round(length() * (1 - validationFraction));
    return new Split(slice(0, cut), slice(cut, length()));
  }

  /**
   * {@return chunks for truncated BPTT over {@code batch} parallel streams of {@code time} steps;
   * see {@link TextStreams}}
   *
   * @param batch the number of parallel streams, ≥ 1
   * @param time the number of time steps per chunk, ≥ 1
   */
  public TextStreams streams(int batch, int time) {
    return new TextStreams(this, batch, time);
  }

  /**
   * A text cut in two.
   *
   * @param train      the head
   * @param validation the tail
   */
  public record Split(TextCorpus train, TextCorpus validation) {}
}
