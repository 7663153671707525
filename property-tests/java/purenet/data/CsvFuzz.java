package purenet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.FileMutations;
import purenet.FileMutations.Mutation;

/**
 * Fuzzing the CSV reader: valid numeric CSV files — comma or whitespace separated, with or without
 * a header, numbers in every accepted form (integers, decimals, exponents, nan/inf words, quotes),
 * CRLF or LF, raw or gzip — mutated at random ({@link FileMutations}) either read as a table whose
 * values survive a write-and-read round trip bit for bit, or fail with the documented
 * {@link IOException} naming the file — never another throwable, never an
 * {@link OutOfMemoryError}. Run with a bounded heap in the {@code fuzz} surefire execution.
 */
class CsvFuzz {
  private static final Path DIR = temporaryDirectory();

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("purenet-csv-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A valid file and the format that reads it. */
  record Valid(byte[] bytes, Csv format, boolean gzip) {
    @Override
    public String toString() {
      return (gzip ? "gzip " : "") + format + ": " + (gzip ? bytes.length + " bytes"
          : new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r"));
    }
  }

  private static final List<String> FORMS = List.of("%d", "%.3f", "%.2e", "\"%d\"", "nan", "-inf", "Infinity", "+%d");

  @Provide
  Arbitrary<Valid> files() {
    Arbitrary<String> field = Combinators.combine(Arbitraries.of(FORMS), Arbitraries.integers().between(-999, 999))
        .as((form, v) -> form.contains("%d") ? String.format(Locale.ROOT, form, v)
            : form.contains("%") ? String.format(Locale.ROOT, form, v / 7.0) : form);
    return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 6),
            Arbitraries.of(',', ';', Csv.WHITESPACE), Arbitraries.of(false, true), Arbitraries.of("\n", "\r\n"),
            Arbitraries.of(false, true), field.list().ofSize(30))
        .as((columns, rows, delimiter, header, newline, gzip, fields) -> {
          String separator = delimiter == Csv.WHITESPACE ? " " : String.valueOf(delimiter);
          StringBuilder text = new StringBuilder();
          if (header || rows == 0) {
            text.append(IntStream.range(0, columns).mapToObj(j -> "col" + j).collect(Collectors.joining(separator)))
                .append(newline);
          }
          for (int i = 0; i < rows; i++) {
            int row = i;
            text.append(IntStream.range(0, columns).mapToObj(j -> fields.get((row * columns + j) % fields.size()))
                .collect(Collectors.joining(separator))).append(newline);
          }
          byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
          Csv format = new Csv(delimiter, header || rows == 0);
          return new Valid(gzip ? FileMutations.gzip(raw) : raw, format, gzip);
        });
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return FileMutations.mutations();
  }

  @Property(tries = 1000)
  void aMutatedCsvFileReadsAsATableOrFailsNamingTheFile(@ForAll("files") Valid valid,
      @ForAll("mutations") List<Mutation> mutations) throws IOException {
    byte[] bytes = FileMutations.apply(valid.bytes(), mutations, new int[0][]);
    Path file = DIR.resolve(valid.gzip() ? "mutated.csv.gz" : "mutated.csv");
    Files.write(file, bytes);
    FileMutations.readsOrFailsNamingTheFile(file, mutations, () -> {
      Table t = valid.format().read(file);
      if (t.rows() > 0) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < t.rows(); i++) {
          for (int j = 0; j < t.columns(); j++) {
            text.append(j == 0 ? "" : ",").append(t.values().at(i * t.columns() + j));
          }
          text.append('\n');
        }
        Path again = DIR.resolve("again.csv");
        Files.writeString(again, text, StandardCharsets.UTF_8);
        if (!Csv.comma().read(again).values().equals(t.values())) {
          throw new AssertionError("the table read does not survive a round trip: " + t.values());
        }
      }
      return t;
    });
  }
}
