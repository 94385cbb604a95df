package dev.gradex.core.selection;

import dev.gradex.core.scoring.SubsetLoss;
import dev.gradex.core.scoring.TaskRanking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the {@link SelectionRule} records. */
final class Rules {
  private Rules() {}

  static Selection prefix(SelectionRule rule, TaskRanking ranking, int length) {
    return new Selection(boxed(ranking.prefix(length)), rule.describe(), List.of());
  }

  static Map<String, Object> map(String kind, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put(key, value);
    return m;
  }

  static List<Integer> boxed(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** Loss of every prefix, index = length; the loss sees each prefix sorted by task index. */
  static List<Double> prefixLosses(TaskRanking ranking, SubsetLoss loss) {
    List<Double> out = new ArrayList<>(ranking.size() + 1);
    for (int n = 0; n <= ranking.size(); n++) {
      int[] prefix = ranking.prefix(n);
      Arrays.sort(prefix);
      double value = loss.loss(prefix);
      if (Double.isNaN(value)) {
        throw new IllegalStateException("loss of prefix " + Arrays.toString(prefix) + " is NaN");
      }
      out.add(value);
    }
    return out;
  }
}
