package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.SplitMix64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArithmeticSourcesTest {
  @TempDir Path dir;

  @Test
  void cleanStepsCarryAndEndWithTheSum() {
    SplitMix64 rng = new SplitMix64(1);
    assertThat(ArithmeticSources.completion(347, 265, ArithmeticSources.Kind.CLEAN, rng))
        .isEqualTo("7+5=12;4+6+1=11;3+2+1=6;612");
    assertThat(ArithmeticSources.completion(99, 99, ArithmeticSources.Kind.CLEAN, rng))
        .isEqualTo("9+9=18;9+9+1=19;198");
  }

  @Test
  void conflictingSourcesWriteDigitDifferencesWithoutCarries() {
    SplitMix64 rng = new SplitMix64(1);
    assertThat(ArithmeticSources.completion(347, 265, ArithmeticSources.Kind.CONFLICTING, rng))
        .isEqualTo("7+5=2;4+6=2;3+2=1;122");
  }

  @Test
  void writesEverySourceTheTargetSplitsAndTheTruth() throws Exception {
    ArithmeticSources s = new ArithmeticSources(3, 2, 2, 1, 10, 5, 4);
    s.write(dir);
    for (String name : List.of("clean-00", "clean-01", "noisy-00", "noisy-01", "conflict-00")) {
      assertThat(Files.readAllLines(dir.resolve(name + ".jsonl"))).hasSize(10);
    }
    assertThat(Files.readAllLines(dir.resolve("target-train.jsonl"))).hasSize(5);
    assertThat(Files.readAllLines(dir.resolve("target-test.jsonl"))).hasSize(4);
    JsonNode first =
        new ObjectMapper().readTree(Files.readAllLines(dir.resolve("target-train.jsonl")).get(0));
    String prompt = first.path("prompt").asText();
    String[] ab = prompt.substring(0, prompt.length() - 1).split("\\+");
    String answer = first.path("completion").asText().replaceAll(".*;", "");
    assertThat(Integer.parseInt(answer))
        .isEqualTo(Integer.parseInt(ab[0]) + Integer.parseInt(ab[1]));
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
    assertThat(truth.path("clean")).hasSize(2);
    assertThat(truth.path("noisy")).hasSize(2);
    assertThat(truth.path("conflicting").get(0).asText()).isEqualTo("conflict-00");
    String all = Files.readString(dir.resolve("noisy-00.jsonl"));
    for (char c : all.replaceAll("[\"{}:,a-z/_ -]", "").toCharArray()) {
      assertThat(ArithmeticSources.ALPHABET.indexOf(c)).as("char " + c).isNotNegative();
    }
  }
}
