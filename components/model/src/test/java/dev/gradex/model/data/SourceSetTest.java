package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSetTest {
  @TempDir Path dir;

  private static final SourceSet.Splits SPLITS =
      new SourceSet.Splits("train.jsonl", "val.jsonl", null);
  private static final List<SourceSet.Source> WEB =
      List.of(new SourceSet.Source("web", "web.jsonl", null));

  @BeforeEach
  void files() throws IOException {
    Files.writeString(
        dir.resolve("train.jsonl"),
        "{\"text\":\"a\",\"label\":\"spam\"}\n{\"text\":\"b\",\"label\":\"ham\"}\n");
    Files.writeString(dir.resolve("val.jsonl"), "{\"text\":\"c\",\"label\":\"spam\"}\n");
    Files.writeString(dir.resolve("web.jsonl"), "{\"text\":\"d\",\"label\":\"ham\"}\n");
  }

  @Test
  void labelsRoundTripInTheirOrderAndReachEveryRead() throws IOException {
    SourceSet.write(dir, SPLITS, WEB, LabelMap.of(List.of("spam", "ham"), "run.yaml"));
    assertThat(Files.readString(dir.resolve(SourceSet.FILE)))
        .contains("labels:\n- \"spam\"\n- \"ham\"");
    SourceSet set = SourceSet.read(dir);
    assertThat(set.labels().names()).containsExactly("spam", "ham");
    assertThat(set.readTarget("train.jsonl").examples())
        .extracting(Example::label)
        .containsExactly(0, 1);
    assertThat(set.read(set.sources().get(0)).examples().get(0).label()).isEqualTo(1);
    assertThat(set.digests()).containsEntry("labels", "spam,ham");
  }

  @Test
  void aFileWithoutLabelsStaysReadableWithTheMappingOfTheTrainingSplit() throws IOException {
    // As written before labels existed: no labels key at all.
    Files.writeString(
        dir.resolve(SourceSet.FILE),
        "target: {train: train.jsonl, validation: val.jsonl, test: null}\n"
            + "sources:\n- {name: web, path: web.jsonl, sha256: null}\n");
    SourceSet set = SourceSet.read(dir);
    assertThat(set.labels().names()).containsExactly("ham", "spam");
    assertThat(set.readTarget("val.jsonl").examples().get(0).label()).isEqualTo(1);
    SourceSet.write(dir, SPLITS, WEB);
    assertThat(Files.readString(dir.resolve(SourceSet.FILE))).doesNotContain("labels");
  }

  @Test
  void badLabelsAndUnknownSourceLabelsAreRefused() throws IOException {
    Files.writeString(
        dir.resolve(SourceSet.FILE),
        "target: {train: train.jsonl, validation: val.jsonl}\n"
            + "sources: [{name: web, path: web.jsonl}]\nlabels: [spam, spam]\n");
    assertThatThrownBy(() -> SourceSet.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sources.yaml: labels: label 'spam' is repeated");
    SourceSet.write(dir, SPLITS, WEB, LabelMap.of(List.of("spam"), "run.yaml"));
    SourceSet set = SourceSet.read(dir);
    assertThatThrownBy(() -> set.read(set.sources().get(0)))
        .hasMessage(
            "web.jsonl:1: unknown label \"ham\"; the known labels are [spam] ("
                + dir.resolve(SourceSet.FILE)
                + ": labels)");
  }
}
