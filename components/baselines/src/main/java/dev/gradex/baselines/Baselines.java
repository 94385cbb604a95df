package dev.gradex.baselines;

import dev.gradex.baselines.representation.HiddenStates;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.SplitMix64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Selects sources by a baseline method ({@link SelectionMethod}): scores every source of a run,
 * ranks them by score (highest first; ties keep the order of {@code sources.yaml}) and selects the
 * top {@code count}. The methods are those GradEx's selection is compared with (issue 19, Table 3):
 * a seeded random draw, LESS-style gradient similarity ({@link LessSimilarity}, Xia et al. 2024),
 * representation similarity (mean last hidden state of the base model) and DSIR-style hashed n-gram
 * importance ({@link DsirImportance}, Xie et al. 2023).
 */
public final class Baselines {
  private Baselines() {}

  /**
   * The top {@code count} sources of {@code inputs} by {@code method}.
   *
   * @param seed the random draw's seed (recorded for every method)
   * @throws InvalidInputException naming {@code count} when it is negative or more than the sources
   */
  public static BaselineSelection select(
      SelectionMethod method, BaselineInputs inputs, int count, long seed) {
    List<String> names = inputs.sourceNames();
    if (count < 0 || count > names.size()) {
      throw new InvalidInputException(
          "count", count + " is not between 0 and the run's " + names.size() + " sources " + names);
    }
    List<SourceScore> ranking = new ArrayList<>(scores(method, inputs, seed));
    // a stable sort: equal scores keep the sources.yaml order
    ranking.sort(Comparator.comparingDouble(SourceScore::score).reversed());
    List<String> selected = ranking.subList(0, count).stream().map(SourceScore::source).toList();
    return new BaselineSelection(method, ranking, selected, seed);
  }

  /** Every source's score by {@code method}, in {@code sources.yaml} order. */
  static List<SourceScore> scores(SelectionMethod method, BaselineInputs inputs, long seed) {
    List<String> names = inputs.sourceNames();
    switch (method) {
      case RANDOM:
        return randomScores(names, seed);
      case LESS:
        return LessSimilarity.scores(inputs.store(), names);
      case DSIR:
        {
          List<List<String>> texts = names.stream().map(inputs::sourceTexts).toList();
          return new DsirImportance(inputs.targetTexts(), texts).scores(names, texts);
        }
      case REPRESENTATION:
        return representationScores(inputs, names);
      default:
        throw new IllegalArgumentException(method.toString());
    }
  }

  /**
   * What a method's score is, for the selection file.
   *
   * @param method the method
   * @return one sentence
   */
  static String scoreDescription(SelectionMethod method) {
    switch (method) {
      case RANDOM:
        return "random: 1 - i / n for the i-th source of a seeded shuffle; higher is preferred";
      case LESS:
        return "cosine of the source's mean projected loss gradient with the target validation"
            + " mean (gradient store at theta*); higher is preferred";
      case REPRESENTATION:
        return "cosine of the source's mean pooled last hidden state of the base model with the"
            + " target validation mean; higher is preferred";
      case DSIR:
        return "mean over the source's examples of log p_target(x) - log p_raw(x), hashed unigram"
            + " and bigram models with "
            + HashedNgrams.BUCKETS
            + " buckets; higher is preferred";
      default:
        throw new IllegalArgumentException(method.toString());
    }
  }

  /** A seeded shuffle (Fisher-Yates, SplitMix64): the i-th drawn of n scores 1 - i / n. */
  static List<SourceScore> randomScores(List<String> names, long seed) {
    int n = names.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplitMix64 rng = new SplitMix64(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      score[order[i]] = 1.0 - (double) i / n;
    }
    List<SourceScore> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new SourceScore(names.get(i), score[i]));
    }
    return out;
  }

  private static List<SourceScore> representationScores(BaselineInputs inputs, List<String> names) {
    try (HiddenStates model = HiddenStates.open(inputs.baseModel())) {
      double[] target = model.mean(inputs.validationTexts(), "target.validation");
      List<SourceScore> out = new ArrayList<>();
      for (String name : names) {
        double[] mean = model.mean(inputs.sourceTexts(name), name);
        out.add(new SourceScore(name, Vectors.cosine(mean, target)));
      }
      return out;
    }
  }
}
