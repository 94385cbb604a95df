package dev.gradex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right of one process to write an output directory: an OS file lock on {@value
 * #FILE} inside it, held until {@link #close()} or the process's end (a killed holder's lock dies
 * with it, so a stale file never blocks). A second writer of the same directory is refused at once
 * with an {@link InvalidInputException} naming the directory and the holder's pid and start time,
 * before it writes anything: two runs into one output never mix. The file is hidden, so {@link
 * TreeDigest}, the reuse copies and MLflow artifact uploads leave it out, and {@link #close()}
 * deletes it, so a finished output (and what Kubeflow uploads after the program exits) does not
 * hold it. A writer that won the lock on a file its previous holder deleted meanwhile sees another
 * (or no) file at the path and tries again, so two writers never hold two different files.
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name inside the output directory. */
  public static final String FILE = ".gradex.lock";

  /** The directories this process holds (real paths). */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final Path file;
  private final Path key;
  private final boolean created;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(
      Path dir, Path file, Path key, boolean created, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.file = file;
    this.key = key;
    this.created = created;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (created if missing) for this process, or throws {@link
   * InvalidInputException} if another writer (another process, or this one) holds it.
   */
  public static OutputLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      boolean created = !Files.isDirectory(dir);
      Files.createDirectories(dir);
      Path key = dir.toRealPath();
      // checked before any file is opened: POSIX drops a process's lock when it closes any
      // descriptor of the file, so this process must never open the lock file twice
      if (!HELD.add(key)) {
        throw refused(dir, " (this process, pid " + ProcessHandle.current().pid() + ")");
      }
      try {
        // a holder deletes the file as it releases: a lock won on a deleted file is retried
        for (int attempt = 0; attempt < 10; attempt++) {
          OutputLock lock = tryAcquire(dir, file, key, created);
          if (lock != null) {
            return lock;
          }
        }
        throw new IOException("the lock file kept being replaced");
      } catch (IOException | RuntimeException e) {
        HELD.remove(key);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** The lock, or null if the file it locked is not (or no longer) the one at the path. */
  private static OutputLock tryAcquire(Path dir, Path file, Path key, boolean created)
      throws IOException {
    Object before = fileKey(file);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      Files.createDirectories(dir); // a releasing holder removed the directory it had created
      return null;
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw refused(dir, holder(channel));
      }
      if (before == null || !before.equals(fileKey(file))) {
        channel.close(); // created now, or replaced meanwhile: lock what is at the path
        return null;
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(describe().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new OutputLock(dir, file, key, created, channel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static InvalidInputException refused(Path dir, String holder) {
    return new InvalidInputException(
        dir.toString(),
        "is being written by another gradex run"
            + holder
            + "; wait for it to finish or choose another output directory");
  }

  /** The file's identity (device and inode) by stat, without opening it; null if absent. */
  private static Object fileKey(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** What the holder recorded, as {@code " (pid N, started T)"}, or empty if not written yet. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(256);
    channel.read(buf, 0);
    String h = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    return h.isEmpty() ? "" : " (" + h + ")";
  }

  private static String describe() {
    ProcessHandle me = ProcessHandle.current();
    String started =
        me.info().startInstant().map(Instant::toString).orElse(Instant.now().toString());
    return "pid " + me.pid() + ", started " + started + "\n";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing: the first error is the one to report
      }
    }
  }

  /**
   * Deletes the lock file and, if {@link #acquire} created the directory and nothing else was
   * written to it (a refused or failed run), the directory; then releases the lock. A killed holder
   * leaves a stale file, which blocks no one.
   */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      if (created) {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          // the writer's output (or the next writer's lock file): it stays
        }
      }
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + file, e);
    } finally {
      HELD.remove(key);
    }
  }
}
