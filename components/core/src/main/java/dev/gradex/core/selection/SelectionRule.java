package dev.gradex.core.selection;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.scoring.SubsetLoss;
import dev.gradex.core.scoring.TaskRanking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of the ranked tasks to keep: the selection rules of stage 4 of Li, Zhang, Wang and
 * Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach"
 * (EMNLP Findings 2024, arXiv 2409.19458). Every rule keeps a prefix of the ranking, so the
 * selected tasks are always the best-scored ones.
 *
 * <p>Command-line forms, parsed by {@link #parse}: {@code threshold:0.52}, {@code top-k:10}, {@code
 * top-ratio:0.3}, {@code best-prefix}, {@code below-mean}.
 */
public sealed interface SelectionRule
    permits SelectionRule.Threshold,
        SelectionRule.TopK,
        SelectionRule.TopRatio,
        SelectionRule.BestPrefix,
        SelectionRule.BelowMean {

  /**
   * The setting the rule text comes from, named as the subject of every error; front-ends map it to
   * their own name ({@code --select}, {@code estimate.select}).
   */
  String FIELD = "select";

  /**
   * Applies the rule.
   *
   * @param loss fhat, needed only by {@link BestPrefix}; other rules ignore it
   */
  Selection select(TaskRanking ranking, SubsetLoss loss);

  /** Applies a rule that needs no subset loss; {@link BestPrefix} refuses. */
  default Selection select(TaskRanking ranking) {
    return select(ranking, null);
  }

  /** The rule as a small JSON-ready map, kind first. */
  Map<String, Object> describe();

  /** The rule in its command-line form, which {@link #parse} reads back. */
  String text();

  /** Tasks whose score is at most {@code maxScore}. */
  record Threshold(double maxScore) implements SelectionRule {
    public Threshold {
      if (!Double.isFinite(maxScore)) {
        throw new InvalidInputException(FIELD, "threshold " + maxScore + " must be finite");
      }
    }

    @Override
    public Selection select(TaskRanking ranking, SubsetLoss loss) {
      int n = 0;
      while (n < ranking.size() && ranking.score(n) <= maxScore) {
        n++;
      }
      return Rules.prefix(this, ranking, n);
    }

    @Override
    public Map<String, Object> describe() {
      return Rules.map("threshold", "maxScore", maxScore);
    }

    @Override
    public String text() {
      return "threshold:" + maxScore;
    }
  }

  /** The best {@code k} tasks; more than are ranked is an error. */
  record TopK(int k) implements SelectionRule {
    public TopK {
      if (k < 1) {
        throw new InvalidInputException(FIELD, "\"top-k:" + k + "\": k must be at least 1");
      }
    }

    @Override
    public Selection select(TaskRanking ranking, SubsetLoss loss) {
      if (k > ranking.size()) {
        throw new InvalidInputException(
            FIELD,
            "\""
                + text()
                + "\" asks for "
                + k
                + " tasks but only "
                + ranking.size()
                + " are ranked");
      }
      return Rules.prefix(this, ranking, k);
    }

    @Override
    public Map<String, Object> describe() {
      return Rules.map("top-k", "k", k);
    }

    @Override
    public String text() {
      return "top-k:" + k;
    }
  }

  /** The best {@code ceil(ratio * ranked tasks)} tasks, ratio in (0, 1]. */
  record TopRatio(double ratio) implements SelectionRule {
    public TopRatio {
      if (!(ratio > 0 && ratio <= 1)) {
        throw new InvalidInputException(
            FIELD, "\"top-ratio:" + ratio + "\": ratio must be in (0, 1], e.g. top-ratio:0.3");
      }
    }

    @Override
    public Selection select(TaskRanking ranking, SubsetLoss loss) {
      return Rules.prefix(this, ranking, (int) Math.ceil(ratio * ranking.size()));
    }

    @Override
    public Map<String, Object> describe() {
      return Rules.map("top-ratio", "ratio", ratio);
    }

    @Override
    public String text() {
      return "top-ratio:" + ratio;
    }
  }

  /**
   * The prefix of the ranking (including the empty one) with the smallest loss; the shorter prefix
   * wins ties. Evaluates the loss {@code ranked tasks + 1} times, serially.
   */
  record BestPrefix() implements SelectionRule {
    @Override
    public Selection select(TaskRanking ranking, SubsetLoss loss) {
      if (loss == null) {
        throw new IllegalArgumentException("best-prefix needs a subset loss to evaluate prefixes");
      }
      List<Double> losses = Rules.prefixLosses(ranking, loss);
      int best = 0;
      for (int n = 1; n < losses.size(); n++) {
        if (losses.get(n) < losses.get(best)) {
          best = n;
        }
      }
      return new Selection(Rules.boxed(ranking.prefix(best)), describe(), losses);
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "best-prefix");
      return m;
    }

    @Override
    public String text() {
      return "best-prefix";
    }
  }

  /**
   * Tasks whose score is below the mean score of all ranked tasks. With the random-ensemble score
   * and subsets of equal size, the mean task score is the mean fhat over the sampled subsets, so a
   * task is kept when the subsets that contain it do better than the average subset. Unlike {@link
   * BestPrefix} it never compares subsets of different sizes, which the first-order estimate
   * favours small ones in (adding any source dilutes the target's own examples in the linearised
   * objective, while real fine-tuning also gains from more data). The threshold is recorded in the
   * selection's rule as {@code maxScore}.
   */
  record BelowMean() implements SelectionRule {
    @Override
    public Selection select(TaskRanking ranking, SubsetLoss loss) {
      double mean = 0;
      for (int r = 0; r < ranking.size(); r++) {
        mean += ranking.score(r);
      }
      mean /= Math.max(1, ranking.size());
      int n = 0;
      while (n < ranking.size() && ranking.score(n) < mean) {
        n++;
      }
      Map<String, Object> rule = describe();
      rule.put("maxScore", mean);
      return new Selection(Rules.boxed(ranking.prefix(n)), rule, List.of());
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "below-mean");
      return m;
    }

    @Override
    public String text() {
      return "below-mean";
    }
  }

  /**
   * Reads a rule from its command-line form.
   *
   * @throws InvalidInputException naming the field {@value #FIELD} and the text
   */
  static SelectionRule parse(String text) {
    return RuleParser.parse(text);
  }
}
