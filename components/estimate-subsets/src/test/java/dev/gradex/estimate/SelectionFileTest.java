package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.scoring.StepwisePath;
import dev.gradex.estimate.report.TaskScores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selection.json} as a typed record: written, read back equal, in a fixed field order. */
class SelectionFileTest {
  @TempDir Path dir;

  private static SelectionFile ruleSelection() {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "top-k");
    rule.put("k", 2);
    return new SelectionFile(
        rule,
        null,
        List.of(0.9, 0.5, 0.4),
        "b",
        List.of(new SelectionFile.SingleSource("b", 0.6), new SelectionFile.SingleSource("a", 0.7)),
        List.of("b", "a"),
        new Sampling(Sampling.ENUMERATED, 3, 10, 3, 1),
        0.01,
        null,
        List.of("a warning"),
        "ensemble",
        "closed-form",
        new SelectionFile.EstimatedLoss(0.4, 0.45, 0.9, 0.6),
        List.of(new SelectionFile.RankedScore("b", -0.2), new SelectionFile.RankedScore("a", 0.1)),
        new SelectionFile.Surrogate(0.8, 0.95));
  }

  @Test
  void aRuleSelectionRoundTripsEqual() throws Exception {
    SelectionFile s = ruleSelection();
    s.write(dir);
    SelectionFile back = SelectionFile.read(dir);
    assertThat(back).isEqualTo(s);
    assertThat(SelectionFile.read(dir.resolve("selection.json"))).isEqualTo(s);
    assertThat(back.bestSingle().members()).containsExactly("b");
    assertThat(back.bestSingle().estimatedLoss()).isEqualTo(0.6);
  }

  @Test
  void fieldsAreWrittenInTheOrderOfTheFileBeforeItWasTyped() throws Exception {
    String text = new String(ruleSelection().bytes(), StandardCharsets.UTF_8);
    List<String> keys =
        List.of(
            "\"rule\"",
            "\"prefixLosses\"",
            "\"bestSingleSource\"",
            "\"singleSources\"",
            "\"selected\"",
            "\"sampling\"",
            "\"lambda\"",
            "\"normCap\" : null",
            "\"warnings\"",
            "\"scoring\"",
            "\"mode\"",
            "\"estimatedLoss\"",
            "\"ranking\"",
            "\"surrogate\"");
    int at = -1;
    for (String k : keys) {
      int next = text.indexOf(k);
      assertThat(next).as(k).isGreaterThan(at);
      at = next;
    }
    assertThat(text).doesNotContain("\"stepwise\"").endsWith("}\n");
    assertThat(text)
        .contains(
            "\"estimatedLoss\" : {\n    \"selected\" : 0.4,\n    \"allSources\" : 0.45,\n"
                + "    \"targetOnly\" : 0.9,\n    \"bestSingleSource\" : 0.6\n  }");
  }

  @Test
  void theTaskScoresOfTheTypedFileAreThoseOfItsJson() throws Exception {
    SelectionFile s = ruleSelection();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = Json.JSON.readValue(s.bytes(), LinkedHashMap.class);
    TaskScores typed = s.taskScores();
    assertThat(typed).isEqualTo(TaskScores.of(json));
    assertThat(typed.tasks()).containsExactly("b", "a");
    assertThat(typed.selected()).containsExactly(true, true);
    assertThat(typed.threshold()).isEqualTo(0.1);
  }

  @Test
  void noComparedSubsetWritesFastPathAsItsCountAlone() throws Exception {
    assertThat(Json.PRETTY.writeValueAsString(new FastPathFile(0, null, null)))
        .isEqualTo("{\n  \"subsets\" : 0\n}");
  }

  @Test
  void aStepwiseSelectionRoundTripsEqual() throws Exception {
    SelectionFile r = ruleSelection();
    SelectionFile s =
        new SelectionFile(
            Map.of("kind", "forward"),
            new StepwisePath(0.9, List.of(new StepwisePath.Step(1, 0.5)), new int[] {1}, 4),
            null,
            r.bestSingleSource(),
            r.singleSources(),
            List.of("b"),
            r.sampling(),
            r.lambda(),
            0.1,
            List.of(),
            r.scoring(),
            r.mode(),
            r.estimatedLoss(),
            r.ranking(),
            r.surrogate());
    s.write(dir);
    assertThat(SelectionFile.read(dir)).isEqualTo(s);
    assertThat(new String(s.bytes(), StandardCharsets.UTF_8)).doesNotContain("prefixLosses");
  }

  @Test
  void aFileWithoutTheBestSingleSourceReadsAsNone() throws Exception {
    Files.writeString(
        dir.resolve("selection.json"),
        "{\"selected\":[\"a\"],\"estimatedLoss\":{\"selected\":0.5,\"allSources\":0.6,"
            + "\"targetOnly\":0.9},\"futureField\":1}");
    SelectionFile s = SelectionFile.read(dir);
    assertThat(s.selected()).containsExactly("a");
    assertThat(s.bestSingle()).isNull();
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": [");
    assertThatThrownBy(() -> SelectionFile.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json");
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": []}");
    assertThatThrownBy(() -> SelectionFile.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("estimatedLoss");
  }
}
