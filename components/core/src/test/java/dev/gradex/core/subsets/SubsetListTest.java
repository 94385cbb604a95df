package dev.gradex.core.subsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetListTest {
  private static final List<String> NAMES = List.of("math", "code", "chat", "law");

  @TempDir Path dir;

  @Test
  void writeThenReadRoundTripsTheSubsetsByName() throws IOException {
    Path file = dir.resolve("subsets.csv");
    SubsetList list = new SubsetList(List.of(new int[] {0, 2}, new int[] {3, 1}, new int[0]));
    list.write(file, NAMES);

    assertThat(Files.readString(file))
        .isEqualTo("subset,size,members\n0,2,math;chat\n1,2,code;law\n2,0,\n");
    SubsetList read = SubsetList.read(file, NAMES);
    assertThat(read.subsets())
        .usingElementComparator(Arrays::compare)
        .containsExactly(new int[] {0, 2}, new int[] {1, 3}, new int[0]);
  }

  @Test
  void readingMapsNamesToTheCurrentTaskOrder() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "subset,size,members\n0,2,law;math\n");
    SubsetList read = SubsetList.read(file, List.of("law", "x", "math"));
    assertThat(read.get(0)).containsExactly(0, 2);
  }

  @Test
  void membersReadInAnyOrderComeBackSortedAndCounted() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "subset,size,members\n0,3,math;law;code\n1,1,chat\n");
    SubsetList read = SubsetList.read(file, NAMES);
    assertThat(read.size()).isEqualTo(2);
    assertThat(read.get(0)).isSorted().hasSize(3);
  }

  @Test
  void taskIndexEqualToTheTaskCountCannotBeWritten() {
    SubsetList list = new SubsetList(List.of(new int[] {NAMES.size()}));
    assertThatThrownBy(() -> list.write(dir.resolve("x.csv"), NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task index " + NAMES.size());
  }

  @Test
  void unknownTaskNameIsRejectedNamingItFileAndLine() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "subset,size,members\n0,1,math\n1,2,code;poetry\n");
    assertThatThrownBy(() -> SubsetList.read(file, NAMES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("poetry")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo(file + ":3");
  }

  @Test
  void sizeNotMatchingMembersIsRejected() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "subset,size,members\n0,3,math;code\n");
    assertThatThrownBy(() -> SubsetList.read(file, NAMES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(":2")
        .hasMessageContaining("size 3 but 2 members");
  }

  @Test
  void wrongHeaderIsRejected() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "id,members\n");
    assertThatThrownBy(() -> SubsetList.read(file, NAMES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected header");
  }

  @Test
  void taskListedTwiceIsRejected() throws IOException {
    Path file = dir.resolve("subsets.csv");
    Files.writeString(file, "subset,size,members\n0,2,math;math\n");
    assertThatThrownBy(() -> SubsetList.read(file, NAMES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\"math\" listed twice");
  }

  @Test
  void taskNameWithSeparatorCannotBeWritten() {
    SubsetList list = new SubsetList(List.of(new int[] {0}));
    assertThatThrownBy(() -> list.write(dir.resolve("x.csv"), List.of("a;b")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a;b");
  }
}
