package dev.gradex.estimate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.scoring.StepwisePath;
import dev.gradex.estimate.report.TaskScores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code selection.json}, the estimate's answer (stage 4 of Li et al., arXiv 2409.19458): the
 * selection rule and what it kept, fhat of the selection and of the baselines, every source alone,
 * the ranking, how the subsets were sampled and the estimator's effective lambda and norm cap.
 * Written by {@link Analysis} and read back by every consumer through {@link #read}, never by
 * string.
 *
 * @param rule the rule as the core describes it ({@code kind} and its parameters)
 * @param stepwise the stepwise search's path, for {@code forward}/{@code backward}; else null
 * @param prefixLosses fhat of every prefix of the ranking (best-prefix), for a rule; else null
 * @param bestSingleSource the source with the lowest fhat alone; null in files that predate it
 * @param singleSources fhat of every candidate alone, lowest first
 * @param selected the selected sources, best first
 * @param sampling how the subsets were chosen
 * @param lambda the estimator's effective ridge lambda
 * @param normCap the norm cap applied, or null for none
 * @param warnings the run's warnings
 * @param scoring {@code ensemble} or {@code ridge}
 * @param mode the estimator's mode
 * @param estimatedLoss fhat of the selection and the baselines
 * @param ranking the candidates in rank order with their scores
 * @param surrogate the ridge surrogate's fit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "rule",
  "stepwise",
  "prefixLosses",
  "bestSingleSource",
  "singleSources",
  "selected",
  "sampling",
  "lambda",
  "normCap",
  "warnings",
  "scoring",
  "mode",
  "estimatedLoss",
  "ranking",
  "surrogate"
})
public record SelectionFile(
    Map<String, Object> rule,
    @JsonInclude(JsonInclude.Include.NON_NULL) StepwisePath stepwise,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> prefixLosses,
    String bestSingleSource,
    List<SingleSource> singleSources,
    List<String> selected,
    Sampling sampling,
    double lambda,
    Double normCap,
    List<String> warnings,
    String scoring,
    String mode,
    EstimatedLoss estimatedLoss,
    List<RankedScore> ranking,
    Surrogate surrogate) {
  public static final String FILE = "selection.json";

  public SelectionFile {
    singleSources = singleSources == null ? List.of() : List.copyOf(singleSources);
    selected = selected == null ? List.of() : List.copyOf(selected);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    ranking = ranking == null ? List.of() : List.copyOf(ranking);
  }

  /**
   * fhat of the selection and of the two baselines, and of the best single source.
   *
   * @param bestSingleSource null in files that predate it
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EstimatedLoss(
      double selected,
      double allSources,
      double targetOnly,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double bestSingleSource) {}

  /** One candidate alone and its fhat({i}). */
  public record SingleSource(String task, double loss) {}

  /** One candidate in rank order and its score (lower is better). */
  public record RankedScore(String task, double score) {}

  /** The ridge surrogate's fit, reported next to its coefficients (surrogate.csv). */
  public record Surrogate(double intercept, double rSquared) {}

  /**
   * The selection file {@code dirOrFile} (an estimate-subsets output directory or the file).
   *
   * @throws InvalidInputException naming the file when it is missing, unreadable or has no {@code
   *     selected} list
   */
  public static SelectionFile read(Path dirOrFile) {
    Path file = dirOrFile.toString().endsWith(".json") ? dirOrFile : dirOrFile.resolve(FILE);
    SelectionFile s;
    try {
      s = Json.JSON.readValue(file.toFile(), SelectionFile.class);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    if (s == null || s.estimatedLoss() == null) {
      throw new InvalidInputException(file.toString(), "has no \"estimatedLoss\"");
    }
    return s;
  }

  /** The file's bytes as written: pretty JSON and a final newline. */
  byte[] bytes() {
    try {
      return (Json.PRETTY.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes this file into {@code dir} atomically. */
  void write(Path dir) throws IOException {
    AtomicFiles.write(dir.resolve(FILE), bytes());
  }

  /** The task-score chart of this selection (the estimate's and the run's report.html). */
  public TaskScores taskScores() {
    return TaskScores.of(
        rule,
        selected,
        ranking.stream().map(RankedScore::task).toList(),
        ranking.stream().map(RankedScore::score).toList());
  }

  /** The best single source as an estimated subset, or null for files that predate it. */
  public EstimatedSubset bestSingle() {
    return bestSingleSource == null || estimatedLoss.bestSingleSource() == null
        ? null
        : new EstimatedSubset(-1, List.of(bestSingleSource), estimatedLoss.bestSingleSource());
  }
}
