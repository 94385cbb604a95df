package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SelectedSources#read}, the reader of the fine-tune stage and of the baselines: the
 * selected sources of a selection.json, typed.
 */
class SelectedSourcesTest {
  @TempDir Path dir;

  @Test
  void readsTheSelectedSourcesInOrderAndIgnoresTheRestOfTheFile() throws Exception {
    Files.writeString(
        dir.resolve("selection.json"),
        "{\"rule\": {\"kind\": \"top-k\", \"k\": 2}, \"bestSingleSource\": \"c\","
            + " \"selected\": [\"c\", \"a\"], \"estimatedLoss\": {\"selected\": 0.4},"
            + " \"ranking\": [{\"task\": \"c\", \"score\": -1.5}]}");
    assertThat(SelectedSources.read(dir)).containsExactly("c", "a");
    assertThat(SelectedSources.read(dir.resolve("selection.json"))).containsExactly("c", "a");
  }

  @Test
  void anEmptySelectionIsAnEmptyList() throws Exception {
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": []}");
    assertThat(SelectedSources.read(dir)).isEmpty();
  }

  @Test
  void aFileWithoutASelectedListIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("selection.json"), "{\"tasks\": [\"a\"]}");
    assertThatThrownBy(() -> SelectedSources.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json")
        .hasMessageContaining("has no \"selected\" list");
    Files.writeString(dir.resolve("selection.json"), "{\"selected\": \"a\"}");
    assertThatThrownBy(() -> SelectedSources.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json")
        .hasMessageContaining("cannot read");
  }
}
