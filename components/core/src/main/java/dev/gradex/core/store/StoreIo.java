package dev.gradex.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  static String sha256(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }

  /**
   * Streams {@code file} in chunks to {@code consumer} (never holding it whole on the heap).
   *
   * @return the lowercase hex SHA-256 if {@code hash}, else null
   */
  static String scan(Path file, boolean hash, ChunkConsumer consumer) {
    MessageDigest sha = hash ? sha256() : null;
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
    return sha == null ? null : hex(sha.digest());
  }

  /** Flushes {@code file}'s content to the storage device. */
  static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static boolean isNonEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
