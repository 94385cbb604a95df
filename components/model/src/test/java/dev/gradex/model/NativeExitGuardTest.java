package dev.gradex.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The gate of {@link NativeExitGuard} with real threads: the exit waits for sections to end
 * (bounded), and a thread that enters or leaves a section after the gate closed stays parked in
 * Java. Parked threads are daemons, as the exiting JVM would end them.
 */
class NativeExitGuardTest {
  private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
  private final NativeExitGuard guard =
      new NativeExitGuard(
          Duration.ofSeconds(20), new PrintStream(messages, true, StandardCharsets.UTF_8));

  @Test
  void exitWaitsForTheSectionToEndAndTheLeavingThreadStaysParked() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicBoolean pastTheSection = new AtomicBoolean();
    Thread worker =
        daemon(
            () -> {
              try (NativeExitGuard.Section s = guard.section()) {
                inside.countDown();
                await(finish);
              }
              pastTheSection.set(true);
            });
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> exit = CompletableFuture.supplyAsync(guard::closeAndAwait);
    Thread.sleep(300);
    assertThat(exit).as("the exit waits while a thread is inside").isNotDone();
    assertThat(messages.toString(StandardCharsets.UTF_8))
        .contains("gradex: stopping: waiting for 1 native step(s) to finish (at most 20 s)");
    finish.countDown();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(guard.active()).isZero();
    awaitParked(worker);
    assertThat(pastTheSection).as("the thread never runs past its section").isFalse();
  }

  @Test
  void enteringAfterTheGateClosedParksTheThreadForGood() throws Exception {
    assertThat(guard.closeAndAwait()).as("nothing to wait for").isTrue();
    assertThat(messages.size()).as("no message when nothing waits").isZero();
    AtomicBoolean entered = new AtomicBoolean();
    Thread late =
        daemon(
            () -> {
              try (NativeExitGuard.Section s = guard.section()) {
                entered.set(true);
              }
            });
    awaitParked(late);
    late.interrupt();
    Thread.sleep(200);
    assertThat(late.isAlive()).as("an interrupt does not let it in").isTrue();
    assertThat(entered).isFalse();
    assertThat(guard.active()).isZero();
  }

  @Test
  void nestedSectionsOfOneThreadDoNotBlockAndTheOutermostLeaveParks() throws Exception {
    CountDownLatch outerIn = new CountDownLatch(1);
    CountDownLatch gateClosed = new CountDownLatch(1);
    AtomicBoolean innerRan = new AtomicBoolean();
    AtomicBoolean pastOuter = new AtomicBoolean();
    Thread worker =
        daemon(
            () -> {
              try (NativeExitGuard.Section outer = guard.section()) {
                outerIn.countDown();
                await(gateClosed);
                try (NativeExitGuard.Section inner = guard.section()) {
                  innerRan.set(true);
                }
              }
              pastOuter.set(true);
            });
    assertThat(outerIn.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> exit = CompletableFuture.supplyAsync(guard::closeAndAwait);
    while (messages.size() == 0) {
      Thread.sleep(10); // the hook has closed the gate once it has printed
    }
    gateClosed.countDown();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isTrue();
    awaitParked(worker);
    assertThat(innerRan).as("the inner section of a thread already inside runs").isTrue();
    assertThat(pastOuter).isFalse();
  }

  @Test
  void theWaitIsBoundedWhenASectionNeverEnds() throws Exception {
    NativeExitGuard quick =
        new NativeExitGuard(Duration.ofMillis(300), new PrintStream(messages, true));
    CountDownLatch inside = new CountDownLatch(1);
    daemon(
        () -> {
          try (NativeExitGuard.Section s = quick.section()) {
            inside.countDown();
            await(new CountDownLatch(1));
          }
        });
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    assertThat(quick.closeAndAwait()).as("a section still inside").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    assertThat(quick.active()).isEqualTo(1);
  }

  @Test
  void closingASectionTwiceLeavesOnceAndLeavingUnenteredIsRefused() {
    NativeExitGuard.Section a = guard.section();
    NativeExitGuard.Section b = guard.section();
    a.close();
    a.close();
    assertThat(guard.active()).as("b still holds the thread's entry").isEqualTo(1);
    b.close();
    assertThat(guard.active()).isZero();
    NativeExitGuard.Section c = guard.section();
    c.close();
    assertThat(guard.active()).isZero();
    assertThatThrownBy(() -> leaveWithoutEntering(guard))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not entered");
  }

  @Test
  void startingTheEngineInstallsTheProcessGuard() {
    ModelRuntime.engine();
    assertThat(NativeExitGuard.installed()).isTrue();
  }

  /** Closes, on this thread, a section another thread entered: this thread has not entered. */
  private static void leaveWithoutEntering(NativeExitGuard g) throws InterruptedException {
    NativeExitGuard.Section[] s = new NativeExitGuard.Section[1];
    Thread other = new Thread(() -> s[0] = g.section());
    other.start();
    other.join();
    s[0].close();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "native-exit-guard-test");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(t.getState()).as("parked in Java").isEqualTo(Thread.State.WAITING);
    Thread.sleep(200);
    assertThat(t.isAlive()).isTrue();
  }
}
