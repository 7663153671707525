package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.io.IOException;

/**
 * The JSON values a safetensors header is made of: objects, arrays, strings and integers — and
 * nothing else (no {@code true}, {@code false}, {@code null}, fractions or exponents).
 *
 * <p>{@link #parse} is strict: it rejects duplicate keys, raw control characters in strings, lone
 * surrogates, numbers that do not fit a {@code long}, nesting deeper than a header's three levels
 * (header → tensor → shape) and anything after the closing brace but whitespace. Every error is an
 * {@link IOException} naming the file, the character position, what was expected and what was
 * found.
 */
sealed interface Json permits Json.Obj, Json.Arr, Json.Str, Json.Int {

  /** The deepest nesting a header has: the header object, a tensor's object, its shape array. */
  int MAX_DEPTH = 3;

  /** An object: its members in the order of the text; keys are distinct. */
  record Obj(Vector<Tuple2<String, Json>> members) implements Json {}

  /** An array. */
  record Arr(Vector<Json> items) implements Json {}

  /** A string. */
  record Str(String value) implements Json {}

  /** An integer. */
  record Int(long value) implements Json {}

  /** What a value is, for messages: "an object", "a string" ... */
  default String kind() {
    if (this instanceof Obj) {
      return "an object";
    }
    if (this instanceof Arr) {
      return "an array";
    }
    return this instanceof Str ? "a string" : "an integer";
  }

  /**
   * Parses a whole text holding one JSON object.
   *
   * @param text   the text (already decoded from UTF-8)
   * @param source the file, for messages
   * @throws IOException naming the source and position if the text is not such an object
   */
  static Obj parse(String text, String source) throws IOException {
    return new JsonParser(text, source).document();
  }

  /** Appends {@code s} to {@code out} as a JSON string literal, quotes included. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The index of the first unpaired surrogate in {@code s}, or −1 if it is well-formed UTF-16. */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
