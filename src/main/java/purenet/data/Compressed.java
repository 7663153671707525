package purenet.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a data file that may be gzip-compressed, deciding by its first two bytes (the gzip magic
 * {@code 1f 8b}), never by its name: Debian ships Fashion-MNIST as {@code .gz}, npm ships MNIST
 * uncompressed, and a renamed file must still load.
 */
final class Compressed {
  private static final int BUFFER = 1 << 16;

  private Compressed() {}

  /** Whether the file starts with the gzip magic bytes {@code 1f 8b}. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** A buffered stream of the file's contents, decompressed if the file is gzip. */
  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return gzip ? new GZIPInputStream(in, BUFFER) : in;
    } catch (IOException e) {
      in.close();
      throw new IOException(file + ": not a readable gzip stream (" + e.getMessage() + ")", e);
    }
  }
}
