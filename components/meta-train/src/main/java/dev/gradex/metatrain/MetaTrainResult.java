package dev.gradex.metatrain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gradex.component.stage.StageResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What meta-training (stage 1 of Li, Zhang, Wang, Zhang, arXiv 2409.19458) produced: theta* and how
 * it was chosen. Recorded snake_case in {@code metrics.json} and the manifest; a reused output and
 * a reused theta* report the same metrics as the run that trained it.
 *
 * @param validationLoss target validation loss of the kept epoch (theta*)
 * @param bestEpoch the kept epoch, 1-based
 * @param validationLosses target validation loss after each epoch
 * @param trainExamples training examples (target and every source)
 * @param trainSteps optimizer steps (before a resume too)
 * @param truncatedExamples examples cut to the sequence limit; null unless truncating
 * @param adapter the adapter directory's tree digest
 * @param reusedTheta true when the last full run's theta* was taken instead of training
 * @param out the output directory (not recorded)
 * @param reused true when a complete output was found (not recorded)
 * @param throughput this process's training throughput (not recorded; empty when reused)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaTrainResult(
    double validationLoss,
    int bestEpoch,
    List<Double> validationLosses,
    int trainExamples,
    long trainSteps,
    Integer truncatedExamples,
    String adapter,
    boolean reusedTheta,
    @JsonIgnore Path out,
    @JsonIgnore boolean reused,
    @JsonIgnore Map<String, Double> throughput)
    implements StageResult {
  public MetaTrainResult {
    validationLosses = validationLosses == null ? List.of() : List.copyOf(validationLosses);
    throughput = throughput == null ? Map.of() : Map.copyOf(throughput);
  }

  /** This result as found complete in {@code out}: reused, no throughput. */
  MetaTrainResult found(Path out) {
    return copy(out, true, reusedTheta);
  }

  /** This (the last full run's) result for its theta* copied into {@code out}, not trained. */
  MetaTrainResult copiedTheta(Path out) {
    return copy(out, false, true);
  }

  private MetaTrainResult copy(Path out, boolean reused, boolean reusedTheta) {
    return new MetaTrainResult(
        validationLoss,
        bestEpoch,
        validationLosses,
        trainExamples,
        trainSteps,
        truncatedExamples,
        adapter,
        reusedTheta,
        out,
        reused,
        Map.of());
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("validation_loss", validationLoss);
    m.put("best_epoch", (double) bestEpoch);
    m.put("train_examples", (double) trainExamples);
    m.put("train_steps", (double) trainSteps);
    if (truncatedExamples != null) {
      m.put("truncated_examples", truncatedExamples.doubleValue());
    }
    m.put("reused_theta", reusedTheta ? 1.0 : 0.0);
    return m;
  }

  /** None: theta* is an intermediate output, published to the next stage, not to tracking. */
  @Override
  public Map<String, Path> artifacts() {
    return Map.of();
  }

  @Override
  public String remark() {
    return reusedTheta ? "(theta* reused, not trained again) " : "";
  }
}
