package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed lm-mini problem (tests/problems/lm-mini, run by {@link SmolLm2RunIT}) is what its
 * generator writes, and its records are what its README says: right sums in the target and the
 * helpful sources, wrong ones in the harmful sources, no number pair twice.
 */
class LmMiniProblemTest {
  private static final Path PROBLEM = Python.root().resolve("tests/problems/lm-mini");
  private static final Pattern SUM =
      Pattern.compile(
          "(?:What is (\\d+) plus (\\d+)\\?|What is the sum of (\\d+) and (\\d+)\\?"
              + "|Add (\\d+) and (\\d+)\\.)\nAnswer:");

  @Test
  void theCommittedDataIsWhatTheGeneratorWritesByteForByte(@TempDir Path dir) throws Exception {
    Python.run(
        List.of("python3", PROBLEM.resolve("generate.py").toString(), "--out", dir.toString()),
        "generate.py");
    try (Stream<Path> files = Files.list(PROBLEM.resolve("data"))) {
      List<Path> committed = files.sorted().toList();
      assertThat(committed).hasSize(9);
      for (Path f : committed) {
        assertThat(dir.resolve(f.getFileName())).as(f.toString()).hasSameBinaryContentAs(f);
      }
    }
  }

  @Test
  void sumsAreRightWhereHelpfulAndWrongWhereHarmfulAndNoPairRepeats() throws Exception {
    Set<String> pairs = new HashSet<>();
    for (String file :
        List.of(
            "target-train",
            "target-validation",
            "target-test",
            "addition-more",
            "addition-reworded",
            "addition-off",
            "addition-reversed")) {
      List<int[]> records = additions(file, pairs);
      for (int[] r : records) {
        int sum = r[0] + r[1];
        switch (file) {
          case "addition-off" -> assertThat(Math.abs(r[2] - sum)).isBetween(1, 9);
          case "addition-reversed" -> {
            assertThat(r[2]).isNotEqualTo(sum);
            assertThat(String.valueOf(r[2]))
                .isEqualTo(new StringBuilder(String.valueOf(sum)).reverse().toString());
          }
          default -> assertThat(r[2]).as(file).isEqualTo(sum);
        }
      }
    }
    assertThat(pairs).hasSize(32 + 16 + 24 + 4 * 32);
    JsonNode truth = Json.JSON.readTree(PROBLEM.resolve("data/truth.json").toFile());
    assertThat(truth.get("harmful").toString())
        .isEqualTo("[\"addition-off\",\"addition-reversed\"]");
    assertThat(truth.get("helpful").toString())
        .isEqualTo("[\"addition-more\",\"addition-reworded\"]");
  }

  /** {a, b, answer} of each record of {@code file}; adds "a+b" to {@code pairs}, once each. */
  private static List<int[]> additions(String file, Set<String> pairs) throws Exception {
    List<int[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(PROBLEM.resolve("data/" + file + ".jsonl"))) {
      JsonNode r = Json.JSON.readTree(line);
      Matcher m = SUM.matcher(r.get("prompt").asText());
      assertThat(m.matches()).as("%s: %s", file, line).isTrue();
      int g = m.group(1) != null ? 1 : m.group(3) != null ? 3 : 5;
      int a = Integer.parseInt(m.group(g));
      int b = Integer.parseInt(m.group(g + 1));
      assertThat(pairs.add(a + "+" + b)).as("pair %d + %d twice", a, b).isTrue();
      String completion = r.get("completion").asText();
      assertThat(completion).startsWith(" ");
      out.add(new int[] {a, b, Integer.parseInt(completion.substring(1))});
    }
    return out;
  }
}
