package dev.gradex.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Encoded examples padded on the right into tensors on one manager: {@code ids} and {@code mask}
 * (B, L) int64; {@code targets} (B, S) int64 and {@code weights} (B, S) float32, 1 where a slot is
 * supervised, with S = L for a decoder and 1 for a classifier. The N supervised slots are also
 * listed, example by example: {@code rows} (N) int64 indexes the flattened (B * S) slots, {@code
 * rowTargets} (N) holds their gold ids and {@code rowMeans} (B, N) float32 averages a per-slot
 * value into a per-example mean, so objectives touch only supervised logits.
 */
public record Batch(
    List<Encoded> examples,
    NDArray ids,
    NDArray mask,
    NDArray targets,
    NDArray weights,
    NDArray rows,
    NDArray rowTargets,
    NDArray rowMeans) {
  /** Pads {@code examples} (non-empty, all of one kind) onto {@code manager}. */
  public static Batch of(List<Encoded> examples, NDManager manager) {
    int b = examples.size();
    int len = 0;
    int slots = 0;
    for (Encoded e : examples) {
      len = Math.max(len, e.ids().length);
      slots = Math.max(slots, e.targets().length);
    }
    long[] ids = new long[b * len];
    long[] mask = new long[b * len];
    long[] targets = new long[b * slots];
    float[] weights = new float[b * slots];
    int n = 0;
    for (Encoded e : examples) {
      n += e.targetTokens();
    }
    long[] rows = new long[n];
    long[] rowTargets = new long[n];
    float[] rowMeans = new float[b * n];
    int r = 0;
    for (int i = 0; i < b; i++) {
      Encoded e = examples.get(i);
      for (int t = 0; t < e.ids().length; t++) {
        ids[i * len + t] = e.ids()[t];
        mask[i * len + t] = 1;
      }
      float share = 1f / e.targetTokens();
      for (int t = 0; t < e.targets().length; t++) {
        targets[i * slots + t] = e.targets()[t];
        weights[i * slots + t] = e.supervised()[t] ? 1f : 0f;
        if (e.supervised()[t]) {
          rows[r] = (long) i * slots + t;
          rowTargets[r] = e.targets()[t];
          rowMeans[i * n + r] = share;
          r++;
        }
      }
    }
    return new Batch(
        List.copyOf(examples),
        manager.create(ids, new Shape(b, len)),
        manager.create(mask, new Shape(b, len)),
        manager.create(targets, new Shape(b, slots)),
        manager.create(weights, new Shape(b, slots)),
        manager.create(rows, new Shape(n)),
        manager.create(rowTargets, new Shape(n)),
        manager.create(rowMeans, new Shape(b, n)));
  }

  /** Number of examples. */
  public int size() {
    return examples.size();
  }

  /** Total supervised target tokens. */
  public long targetTokens() {
    long n = 0;
    for (Encoded e : examples) {
      n += e.targetTokens();
    }
    return n;
  }

  /** Total input tokens (without padding). */
  public long inputTokens() {
    long n = 0;
    for (Encoded e : examples) {
      n += e.ids().length;
    }
    return n;
  }
}
