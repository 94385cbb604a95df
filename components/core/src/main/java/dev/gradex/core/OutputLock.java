package dev.gradex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive right of one process to write an output directory: an OS file lock on {@value
 * #FILE} inside it, held until {@link #close()} or the process's end (a killed holder's lock dies
 * with it, so a stale file never blocks). A second writer of the same directory is refused at once
 * with an {@link InvalidInputException} naming the directory and the holder's pid and start time,
 * before it writes anything: two runs into one output never mix. The file is hidden, so {@link
 * TreeDigest}, the reuse copies and artifact uploads leave it out; it is never deleted (deleting a
 * lock file lets a third process lock a new file while the second still holds the old one).
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name inside the output directory. */
  public static final String FILE = ".gradex.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (created if missing) for this process, or throws {@link
   * InvalidInputException} if another writer (another process, or this one) holds it.
   */
  public static OutputLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new InvalidInputException(
            dir.toString(),
            "is being written by another gradex run"
                + (holder.isEmpty() ? "" : " (" + holder + ")")
                + "; wait for it to finish or choose another output directory");
      }
      byte[] me = describe().getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me), 0);
      channel.force(false);
      return new OutputLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** What the holder recorded: {@code pid N, started T}, or empty if it has not written yet. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(256);
    channel.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
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

  /** Releases the lock; the file stays (see the class comment). */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + FILE, e);
    }
  }
}
