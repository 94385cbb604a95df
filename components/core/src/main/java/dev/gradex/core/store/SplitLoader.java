package dev.gradex.core.store;

import dev.gradex.core.ContainedFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.StoreManifest.FileInfo;
import dev.gradex.core.store.StoreManifest.SplitInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Validates and loads one split of a store directory: sizes, checksums, finiteness and task ranges,
 * streaming every file in chunks so that multi-gigabyte feature files are never held on the heap.
 */
final class SplitLoader {
  private static final String STORE = "gradient store";
  private final Path dir;
  private final StoreManifest manifest;
  private final Split split;
  private final boolean verify;
  private final SplitInfo info;
  private final int examples;

  SplitLoader(Path dir, StoreManifest manifest, Split split, boolean verify) {
    this.dir = dir;
    this.manifest = manifest;
    this.split = split;
    this.verify = verify;
    this.info = manifest.split(split);
    String field = "manifest.json: splits." + split.key();
    if (info == null || info.files() == null) {
      throw new InvalidInputException(field, "missing");
    }
    if (info.examples() < 0 || info.examples() > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(field + ".examples", "out of range: " + info.examples());
    }
    this.examples = (int) info.examples();
  }

  SplitData load(long segmentBytes) {
    long rowBytes = 4L * manifest.dim();
    checkSize(split.featuresFile(), examples * rowBytes, "examples x dim x 4");
    checkSize(split.offsetsFile(), examples * 4L, "examples x 4");
    checkSize(split.tasksFile(), examples * 4L, "examples x 4");
    checkSize(split.tokensFile(), examples * 4L, "examples x 4");
    checkSize(split.idsFile(), entry(split.idsFile()).bytes(), "the manifest's bytes");
    if (verify) {
      scanFeatures();
    }
    float[] offsets = new float[examples];
    scanChecked(
        split.offsetsFile(),
        (buf, at) -> buf.asFloatBuffer().get(offsets, (int) (at / 4), buf.limit() / 4));
    for (int i = 0; i < examples; i++) {
      if (!Float.isFinite(offsets[i])) {
        throw new InvalidInputException(split.offsetsFile(), "row " + i + " is " + offsets[i]);
      }
    }
    int[] tasks = readInts(split.tasksFile());
    int[] tokens = readInts(split.tokensFile());
    checkTasks(tasks);
    checkIds();
    Path features = ContainedFiles.file(dir, split.featuresFile(), STORE);
    return new SplitData(
        split,
        offsets,
        tasks,
        tokens,
        new FeatureMapping(features, examples, manifest.dim(), segmentBytes),
        ContainedFiles.file(dir, split.idsFile(), STORE));
  }

  private FileInfo entry(String name) {
    FileInfo fi = info.files().get(name);
    if (fi == null) {
      throw new InvalidInputException(
          "manifest.json: splits." + split.key() + ".files." + name, "missing");
    }
    return fi;
  }

  private void checkSize(String name, long expected, String formula) {
    FileInfo fi = entry(name);
    Path file = ContainedFiles.file(dir, name, STORE);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(name, "missing in " + dir);
    }
    long actual;
    try {
      actual = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file, e);
    }
    String detail =
        actual
            + " bytes, but examples = "
            + examples
            + " and dim = "
            + manifest.dim()
            + " need "
            + formula
            + " = "
            + expected;
    if (actual < expected) {
      throw new InvalidInputException(name, "truncated: " + detail);
    }
    if (actual > expected) {
      throw new InvalidInputException(name, "too long: " + detail);
    }
    if (fi.bytes() != actual) {
      throw new InvalidInputException(
          name, "is " + actual + " bytes but the manifest records " + fi.bytes());
    }
  }

  private void scanFeatures() {
    int dim = manifest.dim();
    String name = split.featuresFile();
    scanChecked(
        name,
        (buf, at) -> {
          for (int i = 0; i < buf.limit(); i += 4) {
            float v = buf.getFloat(i);
            if (!Float.isFinite(v)) {
              long index = (at + i) / 4;
              throw new InvalidInputException(
                  name, "row " + index / dim + ", column " + index % dim + " is " + v);
            }
          }
        });
  }

  private int[] readInts(String name) {
    int[] values = new int[examples];
    scanChecked(name, (buf, at) -> buf.asIntBuffer().get(values, (int) (at / 4), buf.limit() / 4));
    return values;
  }

  /** Streams {@code name}; with verification on, compares its SHA-256 to the manifest. */
  private void scanChecked(String name, StoreIo.ChunkConsumer consumer) {
    String sha = StoreIo.scan(ContainedFiles.file(dir, name, STORE), verify, consumer);
    if (verify && !sha.equals(entry(name).sha256())) {
      throw new InvalidInputException(
          name, "SHA-256 mismatch: file has " + sha + ", manifest records " + entry(name).sha256());
    }
  }

  private void checkTasks(int[] tasks) {
    int count = manifest.tasks().size();
    int lowest = split == Split.TRAIN ? 0 : -1;
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i] < lowest || tasks[i] >= count) {
        throw new InvalidInputException(
            split.tasksFile(),
            "row "
                + i
                + ": task index "
                + tasks[i]
                + " out of range ["
                + lowest
                + ", "
                + count
                + ")");
      }
    }
  }

  private void checkIds() {
    long[] lines = {0};
    byte[] last = {'\n'};
    scanChecked(
        split.idsFile(),
        (ByteBuffer buf, long at) -> {
          for (int i = 0; i < buf.limit(); i++) {
            if (buf.get(i) == '\n') {
              lines[0]++;
            }
          }
          last[0] = buf.get(buf.limit() - 1);
        });
    if (lines[0] != examples || last[0] != '\n') {
      throw new InvalidInputException(
          split.idsFile(), lines[0] + " complete lines for " + examples + " examples");
    }
  }
}
