package dev.gradex.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.finetune.FineTuneStage;

/**
 * One model a local run fine-tuned from the base (stage 5 of Li, Zhang, Wang, Zhang, arXiv
 * 2409.19458, or a baseline beside it), as summary.json and report.html show it. Accuracy and
 * macro-F1 are null (absent from JSON) for a language-model target.
 *
 * @param name {@link #SELECTION}, {@link #ALL_SOURCES} or {@link #TARGET_ONLY}
 * @param dir its output directory, relative to the run directory
 * @param sources how many sources it was trained on besides the target
 * @param objective {@link FineTuneStage#CLASSIFICATION} or {@link FineTuneStage#LANGUAGE_MODEL}
 * @param validationLoss target validation loss (cross-entropy per example for a classifier, token
 *     cross-entropy for a language model)
 * @param testLoss target test loss, same units
 * @param validationAccuracy classifier accuracy on target validation
 * @param validationMacroF1 classifier macro-F1 on target validation
 * @param testAccuracy classifier accuracy on target test
 * @param testMacroF1 classifier macro-F1 on target test
 * @param reused null when trained for this purpose, else what was reused instead of training
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FineTuned(
    String name,
    String dir,
    int sources,
    String objective,
    double validationLoss,
    double testLoss,
    Double validationAccuracy,
    Double validationMacroF1,
    Double testAccuracy,
    Double testMacroF1,
    String reused) {
  public static final String SELECTION = "selection";
  public static final String ALL_SOURCES = "all sources";
  public static final String TARGET_ONLY = "target only";

  /** From a fine-tune stage's result. */
  static FineTuned of(String name, String dir, int sources, FineTuneResult r, String reused) {
    return new FineTuned(
        name,
        dir,
        sources,
        r.objective() == null ? FineTuneStage.LANGUAGE_MODEL : r.objective(),
        r.validationLoss(),
        r.testLoss(),
        finite(r.validationAccuracy()),
        finite(r.validationMacroF1()),
        finite(r.testAccuracy()),
        finite(r.testMacroF1()),
        reused);
  }

  /** Whether accuracy and macro-F1 are defined (a classification target). */
  public boolean classification() {
    return FineTuneStage.CLASSIFICATION.equals(objective);
  }

  /** The loss's name for this objective. */
  public String lossName() {
    return classification() ? "cross-entropy per example" : "token cross-entropy";
  }

  private static Double finite(Double d) {
    return d != null && Double.isFinite(d) ? d : null;
  }
}
