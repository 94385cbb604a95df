package dev.gradex.baselines;

import java.util.ArrayList;
import java.util.List;

/**
 * DSIR-style importance, after S. M. Xie, S. Santurkar, T. Ma and P. Liang, "Data Selection for
 * Language Models via Importance Resampling" (NeurIPS 2023): two bag-of-hashed-n-grams models
 * ({@link HashedNgrams}), one of the target (its training and validation texts) and one of the raw
 * pool (every source's examples together), each a categorical distribution over the buckets with
 * add-one smoothing, p(b) = (n_b + 1) / (N + B). An example x with bucket counts c_x(b) has the log
 * importance weight log p_target(x) - log p_raw(x) = sum_b c_x(b) (log p_target(b) - log p_raw(b)).
 * DSIR resamples single examples in proportion to these weights; at the level of sources this ranks
 * each source by the mean log weight of its examples.
 */
final class DsirImportance {
  private final double[] logRatio = new double[HashedNgrams.BUCKETS];

  /** The two models, fitted on {@code target} and on {@code raw} texts. */
  DsirImportance(List<String> target, List<List<String>> raw) {
    long[] t = new long[HashedNgrams.BUCKETS];
    long[] r = new long[HashedNgrams.BUCKETS];
    long nt = count(target, t);
    long nr = 0;
    for (List<String> texts : raw) {
      nr += count(texts, r);
    }
    for (int b = 0; b < HashedNgrams.BUCKETS; b++) {
      logRatio[b] =
          Math.log((t[b] + 1.0) / (nt + HashedNgrams.BUCKETS))
              - Math.log((r[b] + 1.0) / (nr + HashedNgrams.BUCKETS));
    }
  }

  /** log p_target(x) - log p_raw(x) of one text. */
  double logWeight(String text) {
    double w = 0;
    for (int b : HashedNgrams.features(text)) {
      w += logRatio[b];
    }
    return w;
  }

  /** Each source's mean log weight; {@code names} and {@code texts} in the same order. */
  List<SourceScore> scores(List<String> names, List<List<String>> texts) {
    List<SourceScore> out = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      double sum = 0;
      for (String x : texts.get(s)) {
        sum += logWeight(x);
      }
      out.add(
          new SourceScore(names.get(s), texts.get(s).isEmpty() ? 0 : sum / texts.get(s).size()));
    }
    return out;
  }

  private static long count(List<String> texts, long[] counts) {
    long n = 0;
    for (String x : texts) {
      for (int b : HashedNgrams.features(x)) {
        counts[b]++;
        n++;
      }
    }
    return n;
  }
}
