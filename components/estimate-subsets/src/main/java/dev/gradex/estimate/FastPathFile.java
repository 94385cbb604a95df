package dev.gradex.estimate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gradex.core.estimate.FastPathError;

/**
 * {@code fastpath.json}: how far the two fast paths (closed form, one Newton step) land from the
 * exact solution of stage 3 (Li et al., arXiv 2409.19458) on the run's first subsets; both are null
 * (left out) when no subset was compared.
 *
 * @param subsets subsets compared
 * @param closedForm the closed form's error
 * @param oneNewton one Newton step's error
 */
@JsonPropertyOrder({"subsets", "closed-form", "one-newton"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FastPathFile(
    int subsets,
    @JsonProperty("closed-form") FastPathError closedForm,
    @JsonProperty("one-newton") FastPathError oneNewton) {
  public static final String FILE = "fastpath.json";
}
