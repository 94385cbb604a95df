package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  /** {@code n} examples whose lengths are skewed like real sources: mostly short, a few long. */
  private static List<Encoded> skewed(int n, long seed) {
    Random rng = new Random(seed);
    List<Encoded> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = rng.nextInt(10) == 0 ? 200 + rng.nextInt(300) : 5 + rng.nextInt(40);
      out.add(example(i, len));
    }
    return out;
  }

  private static Encoded example(int i, int len) {
    return new Encoded(
        Example.classification("x/" + i, "x", "t", 0),
        new long[len],
        new long[] {0},
        new boolean[] {true});
  }

  private static double paddingRatio(List<List<Encoded>> batches) {
    long real = 0;
    long padded = 0;
    for (List<Encoded> b : batches) {
      real += BatchPlan.inputTokens(b);
      padded += BatchPlan.paddedTokens(b);
    }
    return (double) padded / real;
  }

  @Test
  void everyExampleIsInExactlyOneBatchPerEpochAndOnlyOneBatchIsShort() {
    List<Encoded> data = skewed(1003, 1);
    for (Batching mode : Batching.values()) {
      for (int epoch = 0; epoch < 3; epoch++) {
        List<List<Encoded>> plan = BatchPlan.of(data, 16, mode, 7, epoch);
        List<String> ids = new ArrayList<>();
        int shortBatches = 0;
        for (List<Encoded> b : plan) {
          b.forEach(e -> ids.add(e.example().id()));
          shortBatches += b.size() < 16 ? 1 : 0;
          assertThat(b).hasSizeBetween(1, 16);
        }
        Collections.sort(ids);
        List<String> all = new ArrayList<>(data.stream().map(e -> e.example().id()).toList());
        Collections.sort(all);
        assertThat(ids).as("%s epoch %d", mode, epoch).isEqualTo(all);
        assertThat(plan).hasSize(63); // ceil(1003 / 16)
        assertThat(shortBatches).isEqualTo(1); // 1003 = 62 * 16 + 11
      }
    }
  }

  @Test
  void planIsAPureFunctionOfSeedAndEpoch() {
    List<Encoded> data = skewed(500, 2);
    List<List<Encoded>> a = BatchPlan.of(data, 8, Batching.BY_LENGTH, 3, 4);
    List<List<Encoded>> again = BatchPlan.of(new ArrayList<>(data), 8, Batching.BY_LENGTH, 3, 4);
    assertThat(again).isEqualTo(a);
    assertThat(BatchPlan.of(data, 8, Batching.BY_LENGTH, 3, 5)).isNotEqualTo(a);
    assertThat(BatchPlan.of(data, 8, Batching.BY_LENGTH, 4, 4)).isNotEqualTo(a);
  }

  @Test
  void randomModeIsThePlainSeededShuffleCutInOrder() {
    // The cut the trainer made before batching modes existed, so old checkpoints resume the same.
    List<Encoded> data = skewed(100, 3);
    List<Encoded> order = new ArrayList<>(data);
    Collections.shuffle(order, new Random(9 * 1_000_003L + 2));
    List<List<Encoded>> plan = BatchPlan.of(data, 32, Batching.RANDOM, 9, 2);
    assertThat(plan).hasSize(4);
    assertThat(plan.get(0)).isEqualTo(order.subList(0, 32));
    assertThat(plan.get(3)).isEqualTo(order.subList(96, 100));
  }

  @Test
  void byLengthCutsPaddingOfSkewedLengthsToAFraction() {
    List<Encoded> data = skewed(2000, 4);
    double random = paddingRatio(BatchPlan.of(data, 16, Batching.RANDOM, 1, 0));
    double byLength = paddingRatio(BatchPlan.of(data, 16, Batching.BY_LENGTH, 1, 0));
    System.out.printf(
        java.util.Locale.ROOT,
        "padded/real tokens: random %.2f, by-length %.2f%n",
        random,
        byLength);
    assertThat(random).isGreaterThan(3.0);
    assertThat(byLength).isLessThan(1.3);
  }

  @Test
  void byLengthShufflesTheBatchesSoLongOnesAreNotBunchedAtTheEndOfEachPool() {
    List<List<Encoded>> plan = BatchPlan.of(skewed(2000, 5), 16, Batching.BY_LENGTH, 1, 0);
    int descents = 0;
    for (int i = 1; i < plan.size(); i++) {
      descents +=
          BatchPlan.paddedTokens(plan.get(i)) < BatchPlan.paddedTokens(plan.get(i - 1)) ? 1 : 0;
    }
    // 125 batches in 4 sorted pools would descend at most 3 times without the final shuffle.
    assertThat(plan).hasSize(125);
    assertThat(descents).isGreaterThan(40);
  }

  @Test
  void poolsHoldAtMostFiftyBatchesAndAQuarterOfASmallEpoch() {
    assertThat(BatchPlan.poolBatches(100_000, 16)).isEqualTo(50);
    assertThat(BatchPlan.poolBatches(640, 16)).isEqualTo(10);
    assertThat(BatchPlan.poolBatches(10, 16)).isEqualTo(1);
  }

  @Test
  void batchingNamesParseAndUnknownOnesAreRefusedNamingTheField() {
    assertThat(Batching.parse("f", "By-Length")).isEqualTo(Batching.BY_LENGTH);
    assertThat(Batching.parse("f", "random")).isEqualTo(Batching.RANDOM);
    assertThat(Batching.parse("f", null)).isEqualTo(Batching.DEFAULT);
    assertThatThrownBy(() -> Batching.parse("train.batching", "sorted"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("train.batching")
        .hasMessageContaining("'sorted' is not a batching mode (random or by-length)");
  }
}
