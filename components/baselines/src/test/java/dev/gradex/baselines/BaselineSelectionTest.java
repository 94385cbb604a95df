package dev.gradex.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline's selection.json has estimate-subsets' fields (selected, ranking of task and score,
 * rule), ranking.csv lists every source; bad method names and counts are refused, naming the field.
 */
class BaselineSelectionTest {
  @TempDir Path dir;

  private final BaselineSelection selection =
      new BaselineSelection(
          SelectionMethod.DSIR,
          List.of(new SourceScore("b", 2.5), new SourceScore("a", -1), new SourceScore("c", -3)),
          List.of("b", "a"),
          7);

  @Test
  void writesTheSelectedListTheRankingAndTheRuleWithNoTemporaryFilesLeft() throws Exception {
    Path out = dir.resolve("sel");
    selection.writeTo(out);

    JsonNode json = Json.JSON.readTree(out.resolve("selection.json").toFile());
    assertThat(json.path("selected").toString()).isEqualTo("[\"b\",\"a\"]");
    assertThat(json.path("ranking").get(0).path("task").asText()).isEqualTo("b");
    assertThat(json.path("ranking").get(2).path("score").asDouble()).isEqualTo(-3.0);
    assertThat(json.path("rule").path("kind").asText()).isEqualTo("baseline");
    assertThat(json.path("rule").path("method").asText()).isEqualTo("dsir");
    assertThat(json.path("rule").path("seed").asLong()).isEqualTo(7);
    List<Csv.Row> rows = Csv.read(out.resolve("ranking.csv"));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).fields()).containsExactly("rank", "source", "score", "selected");
    assertThat(rows.get(1).fields()).containsExactly("1", "b", "2.5", "true");
    assertThat(rows.get(3).fields()).containsExactly("3", "c", "-3.0", "false");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("selection.json", "ranking.csv");
    }
  }

  @Test
  void anUnknownMethodIsRefusedNamingTheFieldAndTheAllowedNames() {
    assertThat(SelectionMethod.parse("--method", "LESS")).isEqualTo(SelectionMethod.LESS);
    assertThatThrownBy(() -> SelectionMethod.parse("--method", "bm25"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--method: unknown method 'bm25'; allowed: random, less, representation, dsir");
  }

  @Test
  void aCountAboveTheSourcesIsRefusedNamingCount() throws Exception {
    BaselineInputs in =
        new TinyRun()
            .source("a", TinyRun.text("x"))
            .source("b", TinyRun.text("y"))
            .target(TinyRun.text("t"))
            .validation(TinyRun.text("v"))
            .write(dir);
    assertThatThrownBy(() -> Baselines.select(SelectionMethod.RANDOM, in, 3, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("count: 3 is not between 0 and the run's 2 sources");
  }

  @Test
  void aMissingRunDirectoryOrStoreIsRefusedNamingIt() throws Exception {
    Path missing = dir.resolve("nothing");
    assertThatThrownBy(() -> BaselineInputs.fromRun(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(missing + ": is not a directory");
    new TinyRun()
        .source("a", TinyRun.text("x"))
        .target(TinyRun.text("t"))
        .validation(TinyRun.text("v"))
        .write(dir);
    dev.gradex.core.AtomicFiles.deleteTree(dir.resolve("gradients"));
    assertThatThrownBy(() -> BaselineInputs.fromRun(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(dir.resolve("gradients/manifest.json") + ": is missing");
  }
}
