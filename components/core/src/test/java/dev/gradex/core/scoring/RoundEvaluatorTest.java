package dev.gradex.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RoundEvaluatorTest {
  private static final List<int[]> ROUND =
      List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {0, 2});

  /** Records the thread each loss runs on; the loss of S is the sum of its task indices. */
  private static final class Recording implements SubsetLoss {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final Set<Boolean> daemon = ConcurrentHashMap.newKeySet();

    @Override
    public double loss(int[] tasks) {
      threads.add(Thread.currentThread().getName());
      daemon.add(Thread.currentThread().isDaemon());
      double s = 0;
      for (int t : tasks) {
        s += t;
      }
      return s;
    }
  }

  @Test
  void parallelismAboveOneRunsTheRoundOnItsOwnDaemonThreads() {
    Recording loss = new Recording();
    try (RoundEvaluator e = new RoundEvaluator(loss, null, 2)) {
      assertThat(e.evaluate(ROUND)).containsExactly(0, 1, 2, 2);
      assertThat(e.evaluations()).isEqualTo(4);
    }
    assertThat(loss.threads).allMatch(name -> name.equals("gradex-stepwise"));
    assertThat(loss.daemon).containsExactly(true);
  }

  @Test
  void parallelismOneOrASingleSubsetRunsOnTheCallingThread() {
    String caller = Thread.currentThread().getName();
    Recording serial = new Recording();
    try (RoundEvaluator e = new RoundEvaluator(serial, null, 1)) {
      assertThat(e.evaluate(ROUND)).containsExactly(0, 1, 2, 2);
    }
    Recording single = new Recording();
    try (RoundEvaluator e = new RoundEvaluator(single, null, 4)) {
      assertThat(e.evaluate(List.of(new int[] {1, 2}))).containsExactly(3);
      assertThat(e.evaluations()).isEqualTo(1);
    }
    assertThat(serial.threads).containsExactly(caller);
    assertThat(single.threads).containsExactly(caller);
  }

  @Test
  void callerExecutorIsUsedAndLeftRunning() {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "caller-pool"));
    try {
      Recording loss = new Recording();
      try (RoundEvaluator e = new RoundEvaluator(loss, pool, 1)) {
        assertThat(e.evaluate(ROUND)).containsExactly(0, 1, 2, 2);
      }
      assertThat(loss.threads).containsExactly("caller-pool");
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nanLossIsReportedWithItsSubset() {
    try (RoundEvaluator e = new RoundEvaluator(tasks -> Double.NaN, null, 2)) {
      assertThatThrownBy(() -> e.evaluate(ROUND)).hasMessageContaining("loss of subset [0] is NaN");
    }
  }
}
