package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import java.io.IOException;

/**
 * A recursive-descent parser of the {@link Json} subset, over one text. Positions in messages are
 * 0-based character offsets into the header text. Depth is bounded by {@link Json#MAX_DEPTH}, so
 * a hostile header cannot overflow the stack.
 */
final class JsonParser {
  private final String text;
  private final String source;
  private int pos;

  JsonParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** The one object the text holds, with nothing after it but whitespace. */
  Json.Obj document() throws IOException {
    if (text.isEmpty() || text.charAt(0) != '{') {
      throw error("a safetensors header must start with '{', found " + found());
    }
    Json.Obj header = object(1);
    skipWhitespace();
    if (pos < text.length()) {
      throw error("expected nothing after the header's closing '}' but whitespace, found " + found());
    }
    return header;
  }

  private Json value(int depth) throws IOException {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("expected a value, found the end of the header");
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      if (depth > Json.MAX_DEPTH) {
        throw error("values nest deeper than a safetensors header's " + Json.MAX_DEPTH + " levels");
      }
      return c == '{' ? object(depth) : array(depth);
    }
    if (c == '"') {
      return new Json.Str(string());
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return integer();
    }
    throw error("expected an object, an array, a string or an integer, found " + found());
  }

  private Json.Obj object(int depth) throws IOException {
    pos++; // '{'
    Vector<Tuple2<String, Json>> members = Vector.empty();
    HashSet<String> keys = HashSet.empty();
    skipWhitespace();
    if (peek('}')) {
      pos++;
      return new Json.Obj(members);
    }
    while (true) {
      skipWhitespace();
      if (!peek('"')) {
        throw error("expected a key (a string), found " + found());
      }
      int keyAt = pos;
      String key = string();
      if (keys.contains(key)) {
        pos = keyAt;
        throw error("duplicate key " + quoted(key));
      }
      keys = keys.add(key);
      skipWhitespace();
      expect(':', "after the key " + quoted(key));
      members = members.append(new Tuple2<>(key, value(depth + 1)));
      skipWhitespace();
      if (peek(',')) {
        pos++;
      } else if (peek('}')) {
        pos++;
        return new Json.Obj(members);
      } else {
        throw error("expected ',' or '}' in an object, found " + found());
      }
    }
  }

  private Json.Arr array(int depth) throws IOException {
    pos++; // '['
    Vector<Json> items = Vector.empty();
    skipWhitespace();
    if (peek(']')) {
      pos++;
      return new Json.Arr(items);
    }
    while (true) {
      items = items.append(value(depth + 1));
      skipWhitespace();
      if (peek(',')) {
        pos++;
      } else if (peek(']')) {
        pos++;
        return new Json.Arr(items);
      } else {
        throw error("expected ',' or ']' in an array, found " + found());
      }
    }
  }

  private String string() throws IOException {
    int start = pos;
    pos++; // '"'
    StringBuilder s = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw error("a string is not closed before the end of the header");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      if (c < 0x20) {
        throw error("a raw control character (code " + (int) c + ") inside a string; JSON needs it escaped");
      }
      if (c == '\\') {
        s.append(escape());
      } else {
        s.append(c);
        pos++;
      }
    }
    String value = s.toString();
    int bad = Json.unpairedSurrogate(value);
    if (bad >= 0) {
      pos = start;
      throw error("a string holds an unpaired surrogate \\u" + Integer.toHexString(value.charAt(bad))
          + ", which is not Unicode text");
    }
    return value;
  }

  private char escape() throws IOException {
    if (pos + 1 >= text.length()) {
      throw error("an escape '\\' at the end of the header");
    }
    char e = text.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        if (pos + 4 > text.length()) {
          pos -= 2;
          throw error("a \\u escape needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(pos + i), 16);
          if (digit < 0) {
            pos -= 2;
            throw error("a \\u escape needs four hex digits, found '" + text.substring(pos + 2, pos + 6) + "'");
          }
          code = 16 * code + digit;
        }
        pos += 4;
        return (char) code;
      default:
        pos -= 2;
        throw error("unknown escape '\\" + e + "'");
    }
  }

  private Json.Int integer() throws IOException {
    int start = pos;
    boolean negative = peek('-');
    if (negative) {
      pos++;
    }
    if (pos >= text.length() || !isDigit(text.charAt(pos))) {
      throw error("expected a digit, found " + found());
    }
    if (text.charAt(pos) == '0' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
      pos = start;
      throw error("a number with a leading zero is not JSON");
    }
    long value = 0;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      int digit = text.charAt(pos) - '0';
      // Accumulate negatively: −2^63 is representable, 2^63 is not.
      if (value < (Long.MIN_VALUE + digit) / 10) {
        pos = start;
        throw error("the number " + digits(start) + " does not fit in 64 bits");
      }
      value = 10 * value - digit;
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos = start;
      throw error("expected an integer, found the number " + digits(start)
          + " with a fraction or exponent; a safetensors header holds only integers");
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        pos = start;
        throw error("the number " + digits(start) + " does not fit in 64 bits");
      }
      value = -value;
    }
    return new Json.Int(value);
  }

  private String digits(int start) {
    int end = start;
    while (end < text.length() && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0 && end - start < 40) {
      end++;
    }
    return text.substring(start, end);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c, String where) throws IOException {
    if (!peek(c)) {
      throw error("expected '" + c + "' " + where + ", found " + found());
    }
    pos++;
  }

  private String found() {
    if (pos >= text.length()) {
      return "the end of the header";
    }
    int end = Math.min(text.length(), pos + 12);
    StringBuilder shown = new StringBuilder();
    Json.quote(text.substring(pos, end), shown);
    return shown + (end < text.length() ? "..." : "");
  }

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder();
    Json.quote(s, out);
    return out.toString();
  }

  private IOException error(String problem) {
    return new IOException(source + ": malformed safetensors header (JSON) at character " + pos + ": " + problem);
  }
}
