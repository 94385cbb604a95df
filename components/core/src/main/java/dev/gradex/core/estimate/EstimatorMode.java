package dev.gradex.core.estimate;

import dev.gradex.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How fhat(S) is estimated (Li et al., EMNLP Findings 2024, arXiv 2409.19458, stage 3): the
 * faithful offset logistic model, its one-Newton and closed-form fast paths, or the
 * research-code-compatible liblinear fit.
 */
public enum EstimatorMode {
  FAITHFUL("faithful"),
  REFERENCE("reference"),
  CLOSED_FORM("closed-form"),
  ONE_NEWTON("one-newton");

  private final String cliName;

  EstimatorMode(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in manifests. */
  public String cliName() {
    return cliName;
  }

  /**
   * @throws InvalidInputException naming the value and the valid names if {@code name} is unknown
   */
  public static EstimatorMode fromName(String name) {
    for (EstimatorMode mode : values()) {
      if (mode.cliName.equals(name)) {
        return mode;
      }
    }
    String valid = Arrays.stream(values()).map(m -> m.cliName).collect(Collectors.joining(", "));
    throw new InvalidInputException("mode", "unknown estimator '" + name + "'; valid: " + valid);
  }

  @Override
  public String toString() {
    return cliName;
  }
}
