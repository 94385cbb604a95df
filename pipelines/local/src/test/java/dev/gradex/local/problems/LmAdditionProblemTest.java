package dev.gradex.local.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmAdditionProblemTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PAIR = Pattern.compile("(\\d\\d)\\D+(\\d\\d)\\D");

  private static List<JsonNode> rows(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void everyFileHasItsSizeAndEachAdditionSourceAnswersByItsRule(@TempDir Path dir)
      throws IOException {
    new LmAdditionProblem(32, 16, 24, 32).write(dir, 17);
    assertThat(rows(dir.resolve("target-train.jsonl"))).hasSize(32);
    assertThat(rows(dir.resolve("target-validation.jsonl"))).hasSize(16);
    assertThat(rows(dir.resolve("target-test.jsonl"))).hasSize(24);
    Set<String> pairs = new HashSet<>();
    int additions = 0;
    for (String name : LmAdditionProblem.sourceNames()) {
      List<JsonNode> rows = rows(dir.resolve(name + ".jsonl"));
      assertThat(rows).as(name).hasSize(32);
      for (JsonNode r : rows) {
        String prompt = r.get("prompt").asText();
        String completion = r.get("completion").asText();
        assertThat(prompt).endsWith("\nAnswer:");
        assertThat(completion).startsWith(" ");
        Matcher m = PAIR.matcher(prompt);
        if (!name.startsWith("addition")) {
          continue;
        }
        assertThat(m.find()).as(prompt).isTrue();
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        assertThat(pairs.add(a + "+" + b)).as("pair used once: " + prompt).isTrue();
        additions++;
        String answer = completion.substring(1);
        switch (name) {
          case "addition-off" -> {
            int off = Integer.parseInt(answer) - (a + b);
            assertThat(Math.abs(off)).isBetween(1, 9);
          }
          case "addition-reversed" -> {
            assertThat(answer)
                .isEqualTo(new StringBuilder(String.valueOf(a + b)).reverse().toString());
            assertThat(answer).isNotEqualTo(String.valueOf(a + b));
          }
          case "addition-concat" -> assertThat(answer).isEqualTo(a + "" + b);
          default -> assertThat(answer).isEqualTo(String.valueOf(a + b));
        }
      }
    }
    assertThat(additions).isEqualTo(6 * 32);
    JsonNode truth = JSON.readTree(dir.resolve("truth.json").toFile());
    assertThat(truth.get("harmful").toString())
        .isEqualTo("[\"addition-off\",\"addition-reversed\",\"addition-concat\"]");
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOthers(@TempDir Path dir) throws IOException {
    new LmAdditionProblem(8, 8, 8, 8).write(dir.resolve("a"), 17);
    new LmAdditionProblem(8, 8, 8, 8).write(dir.resolve("b"), 17);
    new LmAdditionProblem(8, 8, 8, 8).write(dir.resolve("c"), 18);
    String a = Files.readString(dir.resolve("a/addition-more-1.jsonl"));
    assertThat(Files.readString(dir.resolve("b/addition-more-1.jsonl"))).isEqualTo(a);
    assertThat(Files.readString(dir.resolve("c/addition-more-1.jsonl"))).isNotEqualTo(a);
  }

  @Test
  void sizesOutOfRangeAreRefusedNamingThem() {
    assertThatThrownBy(() -> new LmAdditionProblem(0, 8, 8, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0/8/8");
    assertThatThrownBy(() -> new LmAdditionProblem(8, 8, 8, 71))
        .hasMessageContaining("perSource <= 70");
  }
}
