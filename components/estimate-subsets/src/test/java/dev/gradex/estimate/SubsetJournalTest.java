package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.progress.ProgressEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetJournalTest {
  @TempDir Path dir;

  private static List<SubsetJournal.Entry> entries(int from, int to) {
    List<SubsetJournal.Entry> list = new ArrayList<>();
    for (int i = from; i < to; i++) {
      list.add(new SubsetJournal.Entry(i, 0.5 + i / 1000.0, i + ",2,\"a,b\";c,0.1"));
    }
    return list;
  }

  private List<String> warnings = new ArrayList<>();

  private SubsetJournal open(String key) {
    return SubsetJournal.open(
        dir.resolve("w/subsets.journal"),
        key,
        e -> {
          if (e instanceof ProgressEvent.Warning w) {
            warnings.add(w.message());
          }
        });
  }

  @Test
  void appendedEntriesAreResumedExactly() {
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).isEmpty();
      j.append(entries(0, 3));
    }
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).containsExactlyElementsOf(entries(0, 3));
      j.append(entries(3, 5));
    }
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).containsExactlyElementsOf(entries(0, 5));
    }
  }

  @Test
  void tornLastLineIsDroppedAndOverwritten() throws Exception {
    try (SubsetJournal j = open("k1")) {
      j.append(entries(0, 2));
    }
    Files.writeString(
        dir.resolve("w/subsets.journal"),
        "2 0.7 2,3,half",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).hasSize(2);
      j.append(entries(2, 3));
    }
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).containsExactlyElementsOf(entries(0, 3));
    }
  }

  @Test
  void journalOfAnotherRunKeyIsDiscardedWithAWarning() {
    try (SubsetJournal j = open("k1")) {
      j.append(entries(0, 4));
    }
    try (SubsetJournal j = open("k2")) {
      assertThat(j.resumed()).isEmpty();
    }
    assertThat(warnings).hasSize(1);
    try (SubsetJournal j = open("k2")) {
      assertThat(j.resumed()).isEmpty();
    }
  }

  @Test
  void outOfSequenceLineEndsTheUsablePrefix() throws Exception {
    try (SubsetJournal j = open("k1")) {
      j.append(entries(0, 2));
    }
    Files.writeString(
        dir.resolve("w/subsets.journal"),
        "5 0.7 5,1,x\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (SubsetJournal j = open("k1")) {
      assertThat(j.resumed()).hasSize(2);
    }
  }
}
