package dev.gradex.core.store;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Sha256;
import dev.gradex.core.store.StoreManifest.FileInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five temporary data files of one split while a store is being written, each streamed through
 * a SHA-256 digest so that committing needs no second pass over the data.
 */
final class SplitSink implements AutoCloseable {
  private static final int BUFFER = 1 << 16;

  private final Path dir;
  private final Split split;
  private final List<DigestOutputStream> streams = new ArrayList<>();
  private final long[] bytes = new long[5];
  private final ByteBuffer row;
  private final ByteBuffer scalar = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  private long examples;
  private boolean closed;

  SplitSink(Path dir, Split split, int dim) {
    this.dir = dir;
    this.split = split;
    this.row = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    try {
      for (String name : split.files()) {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp(name)), BUFFER);
        streams.add(new DigestOutputStream(out, Sha256.newDigest()));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot create temporary files in " + dir, e);
    }
  }

  Path temp(String name) {
    return dir.resolve(".tmp-" + name);
  }

  long examples() {
    return examples;
  }

  void write(float[] features, float offset, int task, int tokens, String id) {
    try {
      row.clear();
      row.asFloatBuffer().put(features);
      write(0, row.array());
      write(1, scalar.clear().putFloat(0, offset).array());
      write(2, scalar.clear().putInt(0, task).array());
      write(3, scalar.clear().putInt(0, tokens).array());
      write(4, (id + "\n").getBytes(StandardCharsets.UTF_8));
      examples++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + split.key() + " files in " + dir, e);
    }
  }

  private void write(int file, byte[] data) throws IOException {
    streams.get(file).write(data);
    bytes[file] += data.length;
  }

  /** Closes the streams and returns each file's checksum and size, in manifest order. */
  Map<String, FileInfo> finish() {
    close();
    Map<String, FileInfo> files = new LinkedHashMap<>();
    for (int i = 0; i < streams.size(); i++) {
      String sha = Sha256.hex(streams.get(i).getMessageDigest().digest());
      files.put(split.files().get(i), new FileInfo(sha, bytes[i]));
    }
    return files;
  }

  /** Forces the temporary files to disk and renames them to their final names (durably). */
  List<Path> moveIntoPlace() throws IOException {
    List<Path> moved = new ArrayList<>();
    for (String name : split.files()) {
      Path target = dir.resolve(name);
      AtomicFiles.commit(temp(name), target);
      moved.add(target);
    }
    return moved;
  }

  void deleteTemps() {
    close();
    for (String name : split.files()) {
      try {
        Files.deleteIfExists(temp(name));
      } catch (IOException e) {
        // best effort: a stale ".tmp-" file never looks like a store
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (OutputStream s : streams) {
      try {
        s.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + split.key() + " files in " + dir, e);
      }
    }
  }
}
