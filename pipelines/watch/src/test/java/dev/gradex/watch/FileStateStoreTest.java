package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
  @TempDir Path dir;

  @Test
  void missingFile_loadsNothing_andSavedStateReadsBack() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("sub/state.json"));
    WatchState state =
        new WatchState(new TreeMap<>(Map.of("a", "sha256:01")), "run-1", "2026-11-24T15:00:00Z");

    assertThat(store.load()).isEmpty();
    store.save(state);

    assertThat(store.load()).contains(state);
  }

  @Test
  void changes_nameAddedChangedAndRemovedSources() {
    var before = Map.of("a", "1", "b", "2", "c", "3");
    var now = Map.of("a", "1", "b", "9", "d", "4");

    assertThat(WatchState.changes(before, now))
        .containsExactly(
            Map.entry("b", "changed"), Map.entry("c", "removed"), Map.entry("d", "added"));
  }
}
