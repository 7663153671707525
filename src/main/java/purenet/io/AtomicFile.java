package purenet.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 * wins. A writer killed midway ({@code kill -9}, power cut) cannot delete its temporary file;
 * {@link #removeStale} removes such leftovers from a directory.
 */
public final class AtomicFile {
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d{1,19})\\.\\d{1,19}\\.tmp");

  private AtomicFile() {}

  /** What to write: the whole contents, into a channel the caller of {@link #write} owns. */
  @FunctionalInterface
  public interface Contents {
    /**
     * Writes the contents to {@code channel}; must not close it.
     *
     * @param channel the channel to write to
     * @throws IOException if writing fails
     */
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /**
   * Replaces {@code target} (or creates it, and its missing parent directories) with the bytes
   * {@code contents} writes, atomically.
   *
   * @param target the file to replace
   * @param contents writes the file's new contents to a channel
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

  /**
   * Deletes the temporary files that writers which died midway left in {@code directory}: files
   * named {@code .<name>.<pid>.<thread>.tmp} whose process no longer runs, or was started after
   * the file was last modified (the pid was reused, as after a container restart, so its writer is
   * gone). Temporary files of running writers, including this process's, are left alone, as is
   * everything else.
   *
   * @param directory the directory to clean; nothing happens if it does not exist
   * @return the files deleted
   * @throws IOException if the directory cannot be listed or a stale file cannot be deleted
   */
  public static List<Path> removeStale(Path directory) throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return removed;
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(directory)) {
      candidates = files.filter(f -> TEMPORARY.matcher(f.getFileName().toString()).matches()).toList();
    }
    for (Path file : candidates) {
      Matcher m = TEMPORARY.matcher(file.getFileName().toString());
      if (m.matches() && stale(Long.parseLong(m.group(1)), file) && Files.deleteIfExists(file)) {
        removed.add(file);
      }
    }
    return removed;
  }

  private static boolean stale(long pid, Path file) throws IOException {
    Optional<ProcessHandle> writer = ProcessHandle.of(pid);
    if (writer.isEmpty() || !writer.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = writer.get().info().startInstant();
    if (started.isEmpty()) {
      return false;
    }
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file);
    } catch (java.nio.file.NoSuchFileException gone) {
      return false;
    }
    // Start times are reported to the clock tick (10 ms on Linux): a margin keeps a writer that
    // began its file in its first moments from being taken for an older one.
    return modified.toInstant().isBefore(started.get().minusSeconds(1));
  }

  /**
   * Replaces {@code target} with {@code bytes}, atomically.
   *
   * @param target the file to replace
   * @param bytes the file's new contents
   * @throws IOException if the file cannot be written or moved into place
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, channel -> writeFully(channel, ByteBuffer.wrap(bytes)));
  }

  /**
   * Writes every remaining byte of {@code buffer} (a channel may take fewer per call).
   *
   * @param channel the channel to write to
   * @param buffer the bytes to write, from its position to its limit
   * @throws IOException if the channel fails
   */
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
