package dev.gradex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.local.FineTuned;
import org.junit.jupiter.api.Test;

class RunCommandTest {
  @Test
  void aClassifierLineNamesItsLossPerExampleAndGivesAccuracyAndMacroF1() {
    FineTuned m =
        new FineTuned(
            "selection",
            "fine-tune",
            4,
            "classification",
            0.3,
            0.27104,
            0.9,
            0.88,
            0.8978,
            0.89123,
            null);
    assertThat(RunCommand.modelLine(m))
        .isEqualTo(
            "  test, selection:        cross-entropy per example 0.2710, accuracy 0.8978,"
                + " macro-F1 0.8912 (fine-tune)");
  }

  @Test
  void aLanguageModelLineHasTokenCrossEntropyAndNoAccuracy() {
    FineTuned m =
        new FineTuned(
            "all sources",
            "fine-tune-all-sources",
            8,
            "language-model",
            2.5,
            2.5317,
            null,
            null,
            null,
            null,
            "theta* of meta-train");
    assertThat(RunCommand.modelLine(m))
        .isEqualTo(
            "  test, all sources:      token cross-entropy 2.5317 (fine-tune-all-sources;"
                + " reused theta* of meta-train, not trained again)");
  }
}
