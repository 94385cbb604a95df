package dev.gradex.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory mapping of an {@code N x d} float32 feature file, split into row-aligned
 * segments of at most {@code maxSegmentBytes} (a single MappedByteBuffer is limited to 2 GiB), so
 * stores larger than the heap or RAM are read through the page cache. Reads are absolute and thus
 * thread-safe. The mapping is released when the buffers are garbage collected; {@link #close()}
 * only drops the references and closes the channel.
 */
final class FeatureMapping implements AutoCloseable {
  /** Default segment size: 1 GiB. */
  static final long DEFAULT_SEGMENT_BYTES = 1L << 30;

  private final int dim;
  private final long rows;
  private final long rowsPerSegment;
  private FloatBuffer[] segments;

  FeatureMapping(Path file, long rows, int dim, long maxSegmentBytes) {
    this.dim = dim;
    this.rows = rows;
    long rowBytes = 4L * dim;
    this.rowsPerSegment = Math.max(1, Math.min(maxSegmentBytes, Integer.MAX_VALUE) / rowBytes);
    int count = (int) ((rows + rowsPerSegment - 1) / rowsPerSegment);
    this.segments = new FloatBuffer[count];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int s = 0; s < count; s++) {
        long first = s * rowsPerSegment;
        long n = Math.min(rowsPerSegment, rows - first);
        MappedByteBuffer map =
            ch.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, n * rowBytes);
        segments[s] = map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map " + file, e);
    }
  }

  int segmentCount() {
    return segments.length;
  }

  /** Copies row {@code i} into {@code dst[dstOffset .. dstOffset+dim)}. */
  void readRow(long i, float[] dst, int dstOffset) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    FloatBuffer[] segs = segments;
    if (segs == null) {
      throw new IllegalStateException("store closed");
    }
    int s = (int) (i / rowsPerSegment);
    segs[s].get((int) ((i - s * rowsPerSegment) * dim), dst, dstOffset, dim);
  }

  @Override
  public void close() {
    segments = null;
  }
}
