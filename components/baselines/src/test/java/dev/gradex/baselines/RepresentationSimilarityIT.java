package dev.gradex.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Representation similarity on the real pretrained all-MiniLM-L6-v2 (the model library's fixture,
 * tests/setup/model-fixtures.sh): a copy of the target's validation texts scores a cosine of 1 and
 * ranks first, a source on the target's topic ranks above unrelated ones.
 */
class RepresentationSimilarityIT {
  @TempDir Path dir;

  @Test
  void aCopyOfTheTargetRanksFirstAndATopicalSourceAboveUnrelatedOnes() throws Exception {
    BaselineInputs in =
        new TinyRun()
            .source("recipes", TinyRun.text("Whisk the eggs with sugar and fold in the flour."))
            .source(
                "copy",
                TinyRun.text("The striker scored twice in the final minutes."),
                TinyRun.text("Fans cheered as the home team won the cup."))
            .source("football", TinyRun.text("The goalkeeper saved a penalty in the second half."))
            .source("tax-law", TinyRun.text("Section 12 of the statute defines taxable income."))
            .target(TinyRun.text("The coach praised the defence after the match."))
            .validation(
                TinyRun.text("The striker scored twice in the final minutes."),
                TinyRun.text("Fans cheered as the home team won the cup."))
            .write(dir, miniLm());

    BaselineSelection s = Baselines.select(SelectionMethod.REPRESENTATION, in, 2, 0);

    assertThat(s.selected()).containsExactly("copy", "football");
    assertThat(s.ranking().get(0).score()).isCloseTo(1.0, within(1e-5));
    assertThat(s.ranking().get(1).score()).isLessThan(1.0 - 1e-3);
  }

  /** GRADEX_MINILM_DIR, else the directory tests/setup/model-fixtures.sh prints. */
  private static Path miniLm() throws IOException, InterruptedException {
    String p = System.getProperty("GRADEX_MINILM_DIR", System.getenv("GRADEX_MINILM_DIR"));
    if (p != null && !p.isBlank()) {
      return Paths.get(p);
    }
    Path root = Paths.get(System.getProperty("gradex.root", "../.."));
    Process proc =
        new ProcessBuilder("bash", root.resolve("tests/setup/model-fixtures.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!proc.waitFor(600, TimeUnit.SECONDS) || proc.exitValue() != 0 || out.isEmpty()) {
      fail("tests/setup/model-fixtures.sh could not provide all-MiniLM-L6-v2 (tests/setup/all.sh)");
    }
    Path model = Paths.get(out.substring(out.lastIndexOf('\n') + 1));
    assertThat(Files.isRegularFile(model.resolve("config.json"))).as(model.toString()).isTrue();
    return model;
  }
}
