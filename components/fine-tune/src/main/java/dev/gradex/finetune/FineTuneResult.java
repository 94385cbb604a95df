package dev.gradex.finetune;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gradex.component.stage.StageResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the final fine-tune (stage 5 of Li, Zhang, Wang, Zhang, arXiv 2409.19458) measured: losses
 * worded by {@link #objective} (cross-entropy per example for a classifier, token cross-entropy for
 * a language model), {@code validation_output_loss} (the true f(S) in the units of the estimate
 * fhat(S), docs/method.md#fidelity) and, for a classifier, accuracy and macro-F1. Recorded
 * snake_case in {@code metrics.json} and the manifest.
 *
 * @param objective {@link FineTuneStage#CLASSIFICATION} or {@link FineTuneStage#LANGUAGE_MODEL}
 * @param validationAccuracy null unless a classifier (so are the other three accuracy and F1s)
 * @param trainExamples training examples (target and selected sources)
 * @param selectedSources how many sources were selected
 * @param trainSteps optimizer steps; null when an earlier adapter was reused instead of training
 * @param truncatedExamples examples cut to the sequence limit; null unless truncating
 * @param reusedTheta true when an earlier adapter (theta*) was evaluated instead of training
 * @param reusedFrom that adapter's directory; null otherwise
 * @param out the output directory (not recorded)
 * @param reused true when a complete output was found (not recorded)
 * @param throughput this process's training throughput (not recorded)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FineTuneResult(
    String objective,
    double validationLoss,
    double validationOutputLoss,
    double testLoss,
    double testPerplexity,
    Double validationAccuracy,
    Double validationMacroF1,
    Double testAccuracy,
    Double testMacroF1,
    int trainExamples,
    int selectedSources,
    Long trainSteps,
    Integer truncatedExamples,
    boolean reusedTheta,
    String reusedFrom,
    @JsonIgnore Path out,
    @JsonIgnore boolean reused,
    @JsonIgnore Map<String, Double> throughput)
    implements StageResult {
  public FineTuneResult {
    throughput = throughput == null ? Map.of() : Map.copyOf(throughput);
  }

  /** Whether accuracy and macro-F1 are defined (a classification target). */
  public boolean classification() {
    return FineTuneStage.CLASSIFICATION.equals(objective);
  }

  /** This result as found complete in {@code out}: reused, no throughput. */
  FineTuneResult found(Path out) {
    return new FineTuneResult(
        objective,
        validationLoss,
        validationOutputLoss,
        testLoss,
        testPerplexity,
        validationAccuracy,
        validationMacroF1,
        testAccuracy,
        testMacroF1,
        trainExamples,
        selectedSources,
        trainSteps,
        truncatedExamples,
        reusedTheta,
        reusedFrom,
        out,
        true,
        Map.of());
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("validation_loss", validationLoss);
    m.put("validation_output_loss", validationOutputLoss);
    m.put("test_loss", testLoss);
    m.put("test_perplexity", testPerplexity);
    if (classification()) {
      m.put("validation_accuracy", validationAccuracy);
      m.put("validation_macro_f1", validationMacroF1);
      m.put("test_accuracy", testAccuracy);
      m.put("test_macro_f1", testMacroF1);
    }
    m.put("train_examples", (double) trainExamples);
    m.put("selected_sources", (double) selectedSources);
    if (trainSteps != null) {
      m.put("train_steps", trainSteps.doubleValue());
    }
    if (truncatedExamples != null) {
      m.put("truncated_examples", truncatedExamples.doubleValue());
    }
    m.put("reused_theta", reusedTheta ? 1.0 : 0.0);
    return m;
  }

  /** The fine-tuned adapter, {@code out/adapter}. */
  @Override
  public Map<String, Path> artifacts() {
    return out == null ? Map.of() : Map.of("adapter", out.resolve("adapter"));
  }

  @Override
  public String remark() {
    return reusedTheta ? "(theta* reused, not trained again) " : "";
  }
}
