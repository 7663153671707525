package purenet.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files atomically: whoever opens the target sees either its old contents or the complete
 * new ones, never a half-written file — also if the process dies or the machine loses power
 * midway.
 *
 * <p>The steps: write the contents to a temporary file in the target's directory (the same file
 * system, so a rename is possible), {@code fsync} it, rename it over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} and {@link StandardCopyOption#REPLACE_EXISTING} (POSIX
 * {@code rename}), then {@code fsync} the directory so that the rename itself is durable (where
 * the platform allows opening a directory; elsewhere that last step is skipped). If anything fails
 * the temporary file is deleted and the target is left as it was. A file system without atomic
 * renames makes the write fail with {@link java.nio.file.AtomicMoveNotSupportedException} rather
 * than silently lose the guarantee.
 *
 * <p>The temporary file is {@code .<name>.<pid>.<thread>.tmp}: hidden, and distinct for every
 * thread of every process, so concurrent writers of one target never share one; the last rename
 * wins.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** What to write: the whole contents, into a channel the caller of {@link #write} owns. */
  @FunctionalInterface
  public interface Contents {
    /** Writes the contents to {@code channel}; must not close it. */
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /**
   * Replaces {@code target} (or creates it, and its missing parent directories) with the bytes
   * {@code contents} writes, atomically.
   *
   * @throws IOException if any step fails; the target is then unchanged
   */
  public static void write(Path target, Contents contents) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    Path temporary = directory.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        contents.writeTo(channel);
        channel.force(true);
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(directory);
  }

  /** Replaces {@code target} with {@code bytes}, atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, channel -> writeFully(channel, ByteBuffer.wrap(bytes)));
  }

  /** Writes every remaining byte of {@code buffer} (a channel may take fewer per call). */
  public static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void syncDirectory(Path directory) {
    // Opening a directory for reading works on Linux and macOS; Windows refuses, and there the
    // rename is made durable by the file system itself.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Best effort only: the file is complete and renamed; only its survival of a power cut in the
      // next seconds depends on this.
    }
  }
}
