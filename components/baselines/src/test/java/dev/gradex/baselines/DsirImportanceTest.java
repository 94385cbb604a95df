package dev.gradex.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DSIR-style importance on tiny texts, against values computed by hand. */
class DsirImportanceTest {
  @TempDir Path dir;

  @Test
  void theSourceSharingTheTargetsNgramsRanksFirst() throws Exception {
    BaselineInputs in =
        new TinyRun()
            .source("finance", TinyRun.text("stock prices fell sharply"))
            .source("cats", TinyRun.text("the cat sat down"), TinyRun.text("a cat ran"))
            .source("weather", TinyRun.text("rain tomorrow, then sun"))
            .target(TinyRun.text("the cat sat on the mat"))
            .validation(TinyRun.text("the cat ran"))
            .write(dir);

    BaselineSelection s = Baselines.select(SelectionMethod.DSIR, in, 1, 0);

    assertThat(s.selected()).containsExactly("cats");
    // an n-gram the target lacks weighs log(1/2) per occurrence: 7 of finance's, 9 of weather's
    assertThat(s.ranking())
        .extracting(SourceScore::source)
        .containsExactly("cats", "finance", "weather");
    assertThat(s.ranking().get(1).score()).isCloseTo(7 * Math.log(0.5), within(0.01));
  }

  @Test
  void oneExamplesLogImportanceWeightIsTheHandComputedValue() {
    // target "a b": features 1a, 1b, 2ab (N_t = 3); raw pool "a b" and "c d" (N_r = 6)
    int[] buckets =
        Stream.of("1 a", "1 b", "2 a b", "1 c", "1 d", "2 c d")
            .mapToInt(HashedNgrams::bucket)
            .distinct()
            .toArray();
    assertThat(buckets).as("no two of the six n-grams share a bucket").hasSize(6);
    DsirImportance m = new DsirImportance(List.of("a b"), List.of(List.of("a b"), List.of("c d")));
    double b = HashedNgrams.BUCKETS;

    // each feature of "a b": log((1 + 1) / (3 + B)) - log((1 + 1) / (6 + B))
    assertThat(m.logWeight("a b")).isCloseTo(3 * Math.log((6 + b) / (3 + b)), within(1e-12));
    // each feature of "c d": log((0 + 1) / (3 + B)) - log((1 + 1) / (6 + B))
    assertThat(m.logWeight("c d")).isCloseTo(3 * Math.log((6 + b) / (2 * (3 + b))), within(1e-12));
    assertThat(m.scores(List.of("cd"), List.of(List.of("c d", "a b"))).get(0).score())
        .isCloseTo(
            (3 * Math.log((6 + b) / (3 + b)) + 3 * Math.log((6 + b) / (2 * (3 + b)))) / 2,
            within(1e-12));
  }

  @Test
  void textsSplitIntoLowerCaseWordsAndSinglePunctuation() {
    assertThat(HashedNgrams.tokens("The Cat,  sat 12+5=17;"))
        .containsExactly("the", "cat", ",", "sat", "12", "+", "5", "=", "17", ";");
    assertThat(HashedNgrams.features("x y z")).hasSize(5);
    assertThat(HashedNgrams.features("")).isEmpty();
  }
}
