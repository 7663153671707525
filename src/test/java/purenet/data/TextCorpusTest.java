package purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class TextCorpusTest {

  private static final String TEXT = "abcdefghijklmnopqrstuvwxyz";   // 26 symbols, index = position

  @Test
  void streamsAreContiguousAndContinueFromStepToStep() {
    TextStreams streams = TextCorpus.of(TEXT).streams(2, 3);
    // 25 (input, next) pairs; L = 12 per stream: stream 0 reads a…l, stream 1 reads m…x; 4 steps of 3.
    assertEquals(12, streams.streamLength());
    assertEquals(4, streams.steps());
    assertEquals(24, streams.symbols());
    Dataset first = streams.batch(0);
    assertEquals(Shape.of(2, 3, 26), first.features().shape());
    assertEquals(Tensor.of(new double[][] {{1, 2, 3}, {13, 14, 15}}), first.labels());
    assertEquals(Tensor.of(new double[][] {{0, 1, 2}, {12, 13, 14}}), first.features().argmax(2));
    Dataset second = streams.batch(1);
    assertEquals(Tensor.of(new double[][] {{3, 4, 5}, {15, 16, 17}}), second.features().argmax(2));
    assertEquals(Tensor.of(new double[][] {{10, 11, 12}, {22, 23, 24}}), streams.batch(3).labels());
    assertEquals(Tensor.ones(2, 3), first.features().sum(2), "one-hot rows");
  }

  @Test
  void labelsAreTheNextSymbols() {
    TextCorpus corpus = TextCorpus.of("the whale, the whale");
    TextStreams streams = corpus.streams(3, 2);
    for (int s = 0; s < streams.steps(); s++) {
      Dataset d = streams.batch(s);
      for (int b = 0; b < 3; b++) {
        for (int t = 0; t < 2; t++) {
          int position = b * streams.streamLength() + s * 2 + t;
          assertEquals(corpus.at(position), (int) d.features().argmax(2).get(b, t));
          assertEquals(corpus.at(position + 1), (int) d.labels().get(b, t));
        }
      }
    }
  }

  @Test
  void splitKeepsTheOrderAndTheVocabulary() {
    TextCorpus corpus = TextCorpus.of(TEXT);
    TextCorpus.Split split = corpus.split(0.5);
    assertEquals("abcdefghijklm", split.train().text());
    assertEquals("nopqrstuvwxyz", split.validation().text());
    assertEquals(20, corpus.split(0.25).train().length(), "round(26 · 0.75) = round(19.5)");
    assertEquals(corpus.vocabulary(), split.validation().vocabulary());
    assertThrows(IllegalArgumentException.class, () -> corpus.split(1.0));
    assertArrayEquals(new int[] {2, 3}, corpus.indices(2, 4));
  }

  @Test
  void validatesSizesAndCodes() {
    TextCorpus corpus = TextCorpus.of("abcdef");
    assertEquals("a text of 6 symbols is too short for 2 streams of 3 steps: it needs at least 7",
        assertThrows(IllegalArgumentException.class, () -> corpus.streams(2, 3)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> corpus.streams(0, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> corpus.streams(1, 5).batch(1));
    assertThrows(IllegalArgumentException.class,
        () -> new TextCorpus(Vocabulary.of("ab"), Tensor.vector(0, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> new TextCorpus(Vocabulary.of("ab"), Tensor.vector(0, 0.5)));
    assertThrows(IllegalArgumentException.class, () -> TextCorpus.of("abc", Vocabulary.of("ab")));
  }

  @Test
  void loadsUtf8AndNamesAMissingFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.txt");
    Files.writeString(file, "Call me Ishmael—", StandardCharsets.UTF_8);
    assertEquals("Call me Ishmael—", TextCorpus.load(file).get().text());
    Throwable missing = TextCorpus.load(dir.resolve("absent.txt")).getCause();
    for (String part : new String[] {"absent.txt", "scripts/fetch-data.sh", "purenet.data", "PURENET_DATA", "./data"}) {
      assertTrue(missing.getMessage().contains(part), "'" + part + "' missing from: " + missing.getMessage());
    }
    assertTrue(TextCorpus.mobyDick().endsWith(Path.of("moby-dick", "moby-dick.txt")));
  }
}
