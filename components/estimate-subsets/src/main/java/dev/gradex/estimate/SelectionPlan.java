package dev.gradex.estimate;

import dev.gradex.core.selection.SelectionRule;

/**
 * How the run turns task scores into a selection: a {@link SelectionRule} over the ranking, or a
 * greedy stepwise search on fhat itself ({@code forward}: add the best task per round; {@code
 * backward}: drop the worst), stopping when nothing improves (Li et al., arXiv 2409.19458, stage 4;
 * docs/method.md#stage-4-sampling-scoring-selection).
 */
record SelectionPlan(SelectionRule rule, String stepwise) {
  static SelectionPlan parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals("forward") || t.equals("backward")) {
      return new SelectionPlan(null, t);
    }
    return new SelectionPlan(SelectionRule.parse(t), null);
  }

  boolean isStepwise() {
    return stepwise != null;
  }

  String text() {
    return isStepwise() ? stepwise : rule.text();
  }
}
