package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapTest {
  @TempDir Path dir;

  private Path file(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void stringLabelsOfTheTrainingSplitAreSortedWhateverTheFileOrder() throws IOException {
    Path a =
        file(
            "a.jsonl", "{\"text\":\"x\",\"label\":\"spam\"}", "{\"text\":\"y\",\"label\":\"ham\"}");
    Path b =
        file(
            "b.jsonl",
            "{\"text\":\"y\",\"label\":\"ham\"}",
            "",
            "{\"text\":\"x\",\"label\":\"spam\"}");
    LabelMap fromA = LabelMap.fromTraining(a);
    assertThat(fromA.names()).containsExactly("ham", "spam");
    assertThat(LabelMap.fromTraining(b)).isEqualTo(fromA);
    Dataset d = Dataset.read(a, "t", fromA);
    assertThat(d.examples()).extracting(Example::label).containsExactly(1, 0);
    assertThat(d.labels()).isEqualTo(fromA);
  }

  @Test
  void anExplicitListFixesTheOrder() throws IOException {
    LabelMap m = LabelMap.of(List.of("spam", "ham"), "target.labels");
    Path a =
        file(
            "a.jsonl", "{\"text\":\"x\",\"label\":\"spam\"}", "{\"text\":\"y\",\"label\":\"ham\"}");
    assertThat(Dataset.read(a, "t", m).examples()).extracting(Example::label).containsExactly(0, 1);
    assertThatThrownBy(() -> LabelMap.of(List.of("ham", "ham", " "), "target.labels"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("target.labels: label 'ham' is repeated; label [2] is blank");
  }

  @Test
  void integerLabelsNeedNoMappingAndReadAsBefore() throws IOException {
    Path a = file("a.jsonl", "{\"text\":\"x\",\"label\":1}", "{\"text\":\"y\",\"label\":\"0\"}");
    LabelMap m = LabelMap.fromTraining(a);
    assertThat(m.named()).isFalse();
    assertThat(Dataset.read(a, "t", m).examples()).extracting(Example::label).containsExactly(1, 0);
    assertThat(Dataset.read(a, "t").examples()).extracting(Example::label).containsExactly(1, 0);
  }

  @Test
  void anUnknownSourceLabelIsRefusedNamingFileLineLabelAndTheKnownLabels() throws IOException {
    LabelMap m =
        LabelMap.fromTraining(
            file(
                "train.jsonl",
                "{\"text\":\"x\",\"label\":\"spam\"}",
                "{\"text\":\"y\",\"label\":\"ham\"}"));
    Path src =
        file(
            "web.jsonl",
            "{\"text\":\"a\",\"label\":\"ham\"}",
            "",
            "{\"text\":\"b\",\"label\":\"eggs\"}");
    assertThatThrownBy(() -> Dataset.read(src, "web", m))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "web.jsonl:3: unknown label \"eggs\"; the known labels are [ham, spam] (labels built"
                + " from train.jsonl (sorted))");
  }

  @Test
  void mixingIntegerAndStringLabelsIsRefusedNamingFileAndLine() throws IOException {
    Path mixed =
        file("train.jsonl", "{\"text\":\"x\",\"label\":\"spam\"}", "{\"text\":\"y\",\"label\":0}");
    assertThatThrownBy(() -> LabelMap.fromTraining(mixed))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("train.jsonl:2: mixes integer and string labels")
        .hasMessageContaining("first integer label at train.jsonl:2")
        .hasMessageContaining("first string label at train.jsonl:1");
    LabelMap names = LabelMap.of(List.of("ham", "spam"), "target.labels");
    Path ints =
        file("web.jsonl", "{\"text\":\"x\",\"label\":\"ham\"}", "{\"text\":\"y\",\"label\":1}");
    assertThatThrownBy(() -> Dataset.read(ints, "web", names))
        .hasMessageStartingWith("web.jsonl:2: label 1 is an integer index, but this run's labels")
        .hasMessageContaining("mixing integer and string labels is not allowed");
    LabelMap indices = LabelMap.fromTraining(file("t.jsonl", "{\"text\":\"x\",\"label\":1}"));
    Path strings = file("s.jsonl", "{\"text\":\"x\",\"label\":\"spam\"}");
    assertThatThrownBy(() -> Dataset.read(strings, "s", indices))
        .hasMessage(
            "s.jsonl:1: label \"spam\" is a name, but this run's labels are integer indices (no"
                + " string labels in t.jsonl); mixing integer and string labels is not allowed");
  }

  @Test
  void hfMapsCoverTheWholeHeadAndTooManyLabelsAreRefused() {
    LabelMap m = LabelMap.of(List.of("neg", "pos"), "target.labels");
    assertThat(m.id2label(3)).isEqualTo(Map.of("0", "neg", "1", "pos", "2", "LABEL_2"));
    assertThat(m.label2id(2)).containsExactly(Map.entry("neg", 0), Map.entry("pos", 1));
    m.requireFits(2);
    ExampleEncoder enc = new ExampleEncoder((t, s) -> new long[] {1}, false, 8, 1);
    assertThatThrownBy(() -> enc.requireLabels(m))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "target.labels: 2 labels [neg, pos] but the model's classifier has num_labels = 1");
  }
}
