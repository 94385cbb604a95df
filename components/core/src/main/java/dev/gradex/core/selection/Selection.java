package dev.gradex.core.selection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks chosen by a {@link SelectionRule}, written as {@code selection.json} by the
 * estimate-subsets component (stage 4 of Li, Zhang, Wang and Zhang, arXiv 2409.19458). Plain lists
 * and maps so that Jackson serialises it as it is.
 *
 * @param tasks selected task indices in rank order (best first)
 * @param rule the rule, e.g. {@code {"kind":"top-k","k":10}}
 * @param prefixLosses for best-prefix, the loss of every prefix of the ranking by length (index 0 =
 *     empty prefix); empty for the other rules
 */
public record Selection(List<Integer> tasks, Map<String, Object> rule, List<Double> prefixLosses) {
  public Selection {
    tasks = List.copyOf(tasks);
    // Keep the rule's key order (kind first) for readable JSON.
    rule = Collections.unmodifiableMap(new LinkedHashMap<>(rule));
    prefixLosses = List.copyOf(prefixLosses);
  }

  /** The selected tasks as an array, in rank order. */
  public int[] taskArray() {
    return tasks.stream().mapToInt(Integer::intValue).toArray();
  }
}
