package dev.gradex.model.train;

import dev.gradex.model.data.Encoded;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The micro-batches of one epoch. {@link Batching#RANDOM}: a shuffle seeded by (seed, epoch), cut
 * into consecutive batches. {@link Batching#BY_LENGTH}: the same shuffle, split into pools of
 * {@link #poolBatches} batches, each pool sorted by input length (stably, so ties keep the
 * shuffle's order) and cut, then the order of all batches shuffled with the same generator (so long
 * batches are not bunched at the end of an epoch). This is the "mega-batch" scheme of Hugging
 * Face's {@code LengthGroupedSampler}. Either way every example is in exactly one batch per epoch
 * and only the last batch of the last pool can be short.
 */
public final class BatchPlan {
  /** Upper bound on the batches of one pool (Hugging Face's mega-batch multiplier). */
  static final int MAX_POOL_BATCHES = 50;

  private BatchPlan() {}

  /** The batches of epoch {@code epoch}, a pure function of its arguments. */
  public static List<List<Encoded>> of(
      List<Encoded> examples, int batchSize, Batching mode, long seed, int epoch) {
    List<Encoded> order = new ArrayList<>(examples);
    Random rng = new Random(seed * 1_000_003L + epoch);
    Collections.shuffle(order, rng);
    if (mode == Batching.RANDOM) {
      return cut(order, batchSize);
    }
    int pool = poolBatches(order.size(), batchSize) * batchSize;
    List<List<Encoded>> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i += pool) {
      List<Encoded> p = new ArrayList<>(order.subList(i, Math.min(order.size(), i + pool)));
      p.sort(Comparator.comparingInt(e -> e.ids().length));
      out.addAll(cut(p, batchSize));
    }
    Collections.shuffle(out, rng);
    return out;
  }

  /**
   * Batches per pool: {@value #MAX_POOL_BATCHES}, fewer for small data (a quarter of the epoch's
   * batches, at least 1) so that a small epoch still mixes lengths across several pools.
   */
  static int poolBatches(int examples, int batchSize) {
    return Math.max(1, Math.min(MAX_POOL_BATCHES, examples / (4 * batchSize)));
  }

  /** Input tokens of {@code batch} after padding to its longest example. */
  public static long paddedTokens(List<Encoded> batch) {
    int len = 0;
    for (Encoded e : batch) {
      len = Math.max(len, e.ids().length);
    }
    return (long) len * batch.size();
  }

  /** Input tokens of {@code batch} without padding. */
  public static long inputTokens(List<Encoded> batch) {
    long n = 0;
    for (Encoded e : batch) {
      n += e.ids().length;
    }
    return n;
  }

  private static List<List<Encoded>> cut(List<Encoded> order, int batchSize) {
    List<List<Encoded>> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i += batchSize) {
      out.add(List.copyOf(order.subList(i, Math.min(order.size(), i + batchSize))));
    }
    return out;
  }
}
