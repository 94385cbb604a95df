package dev.gradex.core.store;

import dev.gradex.core.OutputLock;
import dev.gradex.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.stream.Stream;

/** Small file helpers shared by the writer, the reader and the merger. */
final class StoreIo {
  /** Chunk size for streaming reads; a multiple of 4 so floats never straddle chunks. */
  static final int CHUNK = 1 << 20;

  private StoreIo() {}

  /** Receives consecutive little-endian chunks of a file. */
  interface ChunkConsumer {
    void accept(ByteBuffer chunk, long fileOffset);
  }

  /**
   * Streams {@code file} in chunks to {@code consumer} (never holding it whole on the heap).
   *
   * @return the lowercase hex SHA-256 if {@code hash}, else null
   */
  static String scan(Path file, boolean hash, ChunkConsumer consumer) {
    MessageDigest sha = hash ? Sha256.newDigest() : null;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long offset = 0;
      while (true) {
        buf.clear();
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // read until the chunk is full or the file ends
        }
        buf.flip();
        if (!buf.hasRemaining()) {
          break;
        }
        if (sha != null) {
          sha.update(buf.array(), 0, buf.limit());
        }
        consumer.accept(buf, offset);
        offset += buf.limit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return sha == null ? null : Sha256.hex(sha.digest());
  }

  static boolean isNonEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      // the writer's own lock file (OutputLock) is not content
      return entries.anyMatch(p -> !p.getFileName().toString().equals(OutputLock.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
