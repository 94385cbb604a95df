package dev.gradex.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FineTuneStage#readSelection}: the selected sources of a selection.json, typed. */
class ReadSelectionTest {
  @TempDir Path dir;

  @Test
  void readsTheSelectedSourcesInOrderAndIgnoresTheRestOfTheFile() throws Exception {
    Files.writeString(
        dir.resolve("selection.json"),
        "{\"rule\": {\"kind\": \"top-k\", \"k\": 2}, \"bestSingleSource\": \"c\","
            + " \"selected\": [\"c\", \"a\"], \"estimatedLoss\": {\"selected\": 0.4},"
            + " \"ranking\": [{\"task\": \"c\", \"score\": -1.5}]}");
    assertThat(FineTuneStage.readSelection(dir)).containsExactly("c", "a");
    assertThat(FineTuneStage.readSelection(dir.resolve("selection.json")))
        .containsExactly("c", "a");
  }

  @Test
  void anEmptySelectionIsAnEmptyList() throws Exception {
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": []}");
    assertThat(FineTuneStage.readSelection(dir)).isEmpty();
  }

  @Test
  void aFileWithoutASelectedListIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("selection.json"), "{\"tasks\": [\"a\"]}");
    assertThatThrownBy(() -> FineTuneStage.readSelection(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json")
        .hasMessageContaining("has no \"selected\" list");
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": \"a\"}");
    assertThatThrownBy(() -> FineTuneStage.readSelection(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json")
        .hasMessageContaining("cannot read");
  }
}
