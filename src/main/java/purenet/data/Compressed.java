package purenet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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
    } catch (EOFException e) {
      in.close();
      EOFException named = new EOFException(file + ": truncated gzip header: the file starts with the gzip magic"
          + " bytes 1f 8b but has only " + Files.size(file) + " bytes, a gzip header needs at least 10");
      named.initCause(e);
      throw named;
    } catch (IOException e) {
      in.close();
      throw new IOException(file + ": not a readable gzip stream (" + e.getMessage() + ")", e);
    }
  }

  /**
   * {@code e} with the file named: as it is if its message already starts with the file's name,
   * else a truncated gzip stream ({@link EOFException}), corrupt gzip data ({@link ZipException}
   * inside a stream) or any other read failure, prefixed with the file.
   */
  static IOException named(Path file, IOException e) {
    if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
      return e;
    }
    IOException named = e instanceof EOFException
        ? new EOFException(file + ": truncated: the data ends early (" + e.getMessage() + ")")
        : e instanceof ZipException
            ? new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")")
            : new IOException(file + ": " + e.getMessage());
    named.initCause(e);
    return named;
  }
}
