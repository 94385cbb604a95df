package dev.gradex.estimate;

import dev.gradex.core.InvalidInputException;
import java.util.Map;

/**
 * The {@code estimate-subsets} flag of each core setting, so that an error the core raises naming a
 * field ({@code lambda}, {@code alpha}, {@code select}, {@code clusters}) reaches the user naming
 * the flag that sets it. Settings that come from the store manifest ({@code parameterCount}, {@code
 * adapterNorm}) keep their field names.
 */
final class EstimateSubsetsFlags {
  static final Map<String, String> BY_FIELD =
      Map.ofEntries(
          Map.entry("alpha", "--alpha"),
          Map.entry("subsets", "--subsets"),
          Map.entry("select", "--select"),
          Map.entry("lambda", "--lambda"),
          Map.entry("normCap", "--norm-cap"),
          Map.entry("tolerance", "--tolerance"),
          Map.entry("maxIterations", "--max-iterations"),
          Map.entry("tokenWeighted", "--token-weighted"),
          Map.entry("referenceC", "--reference-c"),
          Map.entry("labelProbability", "--label-probability"),
          Map.entry("referenceScale", "--reference-scale"),
          Map.entry("mode", "--mode"),
          Map.entry("clusters", "--pseudo-tasks"));

  private EstimateSubsetsFlags() {}

  /** {@code e} naming this command's flags instead of the core's field names. */
  static InvalidInputException rename(InvalidInputException e) {
    return e.renamed(BY_FIELD);
  }
}
