package purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

class VocabularyTest {

  @Test
  void symbolsAreTheSortedDistinctCharacters() {
    Vocabulary v = Vocabulary.of("call me ishmael");
    assertEquals(" acehilms", v.symbols());
    assertEquals(9, v.size());
    assertEquals('a', v.symbol(1));
    assertEquals(3, v.index('e'));
  }

  @Test
  void encodeThenDecodeIsTheIdentity() {
    String text = "Call me Ishmael—“whale”, 🐋!";
    Vocabulary v = Vocabulary.of(text);
    int[] codes = v.encode(text);
    assertEquals(text.codePointCount(0, text.length()), codes.length, "one index per code point, the whale too");
    assertEquals(text, v.decode(codes));
  }

  @Test
  void oneHotRows() {
    Vocabulary v = Vocabulary.of("abc");
    assertEquals(Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 0, 1}}), v.oneHot(v.encode("cac")));
  }

  @Test
  void unknownSymbolsAndIndicesAreNamed() {
    Vocabulary v = Vocabulary.of("abc");
    assertEquals("'z' (U+007A) is not in the vocabulary of 3 symbols",
        assertThrows(IllegalArgumentException.class, () -> v.encode("abz")).getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> v.decode(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> v.oneHot(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> v.symbol(3));
  }

  @Test
  void symbolsMustBeDistinctAndSorted() {
    assertThrows(IllegalArgumentException.class, () -> new Vocabulary(""));
    assertEquals("vocabulary symbols must be distinct and in ascending order, got 'b' (U+0062) before 'a' (U+0061)",
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary("ba")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Vocabulary("aa"));
    assertArrayEquals(new int[] {0, 1}, new Vocabulary("ab").encode("ab"));
  }
}
