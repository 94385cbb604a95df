package dev.gradex.estimate.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task-score bar chart of a selection (stage 4 of Li, Zhang, Wang and Zhang, arXiv 2409.19458):
 * tasks in rank order with their scores (lower is better), which are selected, and the threshold
 * the selection rule drew. Every rule over the ranking ({@code threshold}, {@code top-k}, {@code
 * top-ratio}, {@code best-prefix}, {@code below-mean}) keeps a prefix, so its threshold is a score:
 * the rule's own ({@code maxScore}) for {@code threshold} and {@code below-mean}, else midway
 * between the last selected and the first rejected score. Greedy stepwise selections ({@code
 * forward}, {@code backward}) are not prefixes and have none; the bars' colours still show the
 * selection.
 *
 * @param tasks task names, best first
 * @param scores their scores (NaN for a task no subset contained)
 * @param selected whether each task is selected
 * @param threshold the score the rule cut at, or null when it has none
 * @param rule the rule in words, with its cut
 */
public record TaskScores(
    List<String> tasks,
    List<Double> scores,
    List<Boolean> selected,
    Double threshold,
    String rule) {

  /** From {@code selection.json}'s fields: {@code rule}, {@code ranking} and {@code selected}. */
  public static TaskScores of(Map<String, ?> selection) {
    List<String> tasks = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Object o : (List<?>) selection.get("ranking")) {
      Map<?, ?> r = (Map<?, ?>) o;
      tasks.add(r.get("task").toString());
      scores.add(number(r.get("score")));
    }
    List<String> chosen =
        ((List<?>) selection.get("selected")).stream().map(Object::toString).toList();
    return of((Map<?, ?>) selection.get("rule"), chosen, tasks, scores);
  }

  /**
   * From a selection's parts, typed.
   *
   * @param rule the rule as the core describes it ({@code kind} and its parameters)
   * @param chosenTasks the selected tasks
   * @param tasks every ranked task, best first
   * @param scores their scores
   */
  public static TaskScores of(
      Map<?, ?> rule, Collection<String> chosenTasks, List<String> tasks, List<Double> scores) {
    Set<String> chosen = Set.copyOf(chosenTasks);
    List<Boolean> selected = tasks.stream().map(chosen::contains).toList();
    String kind = String.valueOf(rule.get("kind"));
    String words = describe(rule);
    int k = chosen.size();
    int n = tasks.size();
    boolean prefix = !kind.equals("forward") && !kind.equals("backward");
    if (!prefix) {
      return new TaskScores(
          tasks, scores, selected, null, words + ": stepwise search, no score threshold");
    }
    if (rule.get("maxScore") != null) {
      // The rule's own cut (threshold, below-mean's mean score), not a point between two bars.
      double t = number(rule.get("maxScore"));
      String cmp = kind.equals("threshold") ? " <= " : " < ";
      return new TaskScores(
          tasks,
          scores,
          selected,
          t,
          words + ": the " + k + " of " + n + " with score" + cmp + significant(t));
    }
    Double cut =
        k == 0 ? null : k == n ? scores.get(n - 1) : (scores.get(k - 1) + scores.get(k)) / 2;
    String text =
        words
            + ": the first "
            + k
            + " of "
            + n
            + " ranked sources"
            + (cut == null ? " (none selected)" : "");
    return new TaskScores(tasks, scores, selected, cut, text);
  }

  private static String describe(Map<?, ?> rule) {
    StringBuilder sb = new StringBuilder(String.valueOf(rule.get("kind")));
    List<String> params = new ArrayList<>();
    rule.forEach(
        (key, v) -> {
          if (!"kind".equals(key)) {
            params.add(key + " " + (v instanceof Number x ? significant(x.doubleValue()) : v));
          }
        });
    if (!params.isEmpty()) {
      sb.append(" (").append(String.join(", ", params)).append(')');
    }
    return sb.toString();
  }

  /** {@code x} to 4 significant digits, without trailing zeros (full precision stays in JSON). */
  static String significant(double x) {
    if (!Double.isFinite(x)) {
      return String.valueOf(x);
    }
    return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return o == null ? Double.NaN : Double.parseDouble(o.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
