package dev.gradex.tracking.buffer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.rest.MlflowApiException;
import dev.gradex.tracking.rest.RunRef;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Delivers calls in the order they were submitted, retrying with {@link RetryPolicy}. When the
 * server cannot be reached it switches to buffering: calls are kept in memory and appended to the
 * {@link SpillFile}, and a new call tries the server again once {@link RetryPolicy#probeInterval()}
 * has passed; {@link #flush()} tries at once. A call the server refuses (4xx, or 5xx on every
 * attempt) is dropped and counted, so one bad call cannot hold back the rest. Never throws.
 */
public final class BufferingSink {
  private static final int MAX_PROBLEMS = 20;

  private final CallExecutor executor;
  private final SpillFile spill;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomGenerator random;
  private final Deque<Call> pending = new ArrayDeque<>();
  private final Map<String, RunRef> refs = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<ModelPromotion> promotions = new ArrayList<>();
  private long nextSeq = 1;
  private long delivered;
  private long rejected;
  private long promotionSeq;
  private boolean down;
  private long lastAttemptMillis;

  public BufferingSink(
      CallExecutor executor, SpillFile spill, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this(executor, spill, policy, sleeper, clock, new SplittableRandom());
  }

  /** As above, with the random generator of the pauses' jitter (seeded in tests). */
  public BufferingSink(
      CallExecutor executor,
      SpillFile spill,
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      RandomGenerator random) {
    this.executor = executor;
    this.spill = spill;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A sink holding what an earlier process left in {@code spill}; call {@link #flush()} to send it.
   */
  public static BufferingSink resume(
      CallExecutor executor, SpillFile spill, RetryPolicy policy, Sleeper sleeper, Clock clock)
      throws IOException {
    BufferingSink sink = new BufferingSink(executor, spill, policy, sleeper, clock);
    SpillFile.Contents contents = spill.read();
    sink.refs.putAll(contents.refs());
    sink.pending.addAll(contents.calls());
    for (Call c : contents.calls()) {
      sink.nextSeq = Math.max(sink.nextSeq, c.seq() + 1);
    }
    sink.down = true;
    return sink;
  }

  /** Binds a local reference to a run that exists already (e.g. one KFP created). */
  public synchronized void bindRun(String ref, String runId) {
    refs.put(ref, new RunRef(runId, null));
  }

  /** The server's id for a local run reference, once it has one. */
  public synchronized Optional<String> runId(String ref) {
    RunRef r = refs.get(ref);
    return r == null ? Optional.empty() : Optional.of(r.runId());
  }

  /**
   * Queues a call and tries to deliver everything queued.
   *
   * @return the promotion when a {@link Call.Kind#REGISTER} was delivered now
   */
  public synchronized Optional<ModelPromotion> submit(Call.Kind kind, String run, ObjectNode body) {
    ObjectNode b = body;
    if (kind == Call.Kind.CREATE_RUN && !body.hasNonNull(CallExecutor.RUN_KEY_FIELD)) {
      // The key travels with the call (and its spill-file copy), so every retry of this create,
      // in this process or a later one, can find the run an earlier attempt made.
      b = body.deepCopy().put(CallExecutor.RUN_KEY_FIELD, UUID.randomUUID().toString());
    }
    Call call = new Call(nextSeq++, kind, run, b);
    pending.addLast(call);
    if (!down) {
      drain(policy.maxAttempts());
    } else {
      keep(call);
      if (clock.millis() - lastAttemptMillis >= policy.probeInterval().toMillis()) {
        drain(1);
      }
    }
    return promotionSeq == call.seq()
        ? Optional.of(promotions.get(promotions.size() - 1))
        : Optional.empty();
  }

  /**
   * Tries to deliver everything pending, with the full retry schedule.
   *
   * @return true when nothing is pending any more
   */
  public synchronized boolean flush() {
    return drain(policy.maxAttempts());
  }

  /** Counts a call that was refused before reaching the server (e.g. a missing file). */
  public synchronized void rejectLocally(String message) {
    rejected++;
    problem(message);
  }

  /** Where pending calls are kept on disk. */
  public SpillFile spillFile() {
    return spill;
  }

  /** Counts and problems so far. */
  public synchronized TrackingSummary summary() {
    boolean onDisk = !pending.isEmpty() && spill.exists();
    return new TrackingSummary(
        Optional.of(executor.trackingUri()),
        delivered,
        pending.size(),
        rejected,
        onDisk ? Optional.of(spill.path()) : Optional.empty(),
        problems,
        promotions,
        "");
  }

  private boolean drain(int attemptsWhenUnreachable) {
    lastAttemptMillis = clock.millis();
    while (!pending.isEmpty()) {
      Call call = pending.peekFirst();
      MlflowApiException failure = deliver(call, attemptsWhenUnreachable);
      if (failure == null) {
        pending.removeFirst();
        delivered++;
      } else if (failure.kind() == MlflowApiException.Kind.UNREACHABLE) {
        goDown(failure);
        return false;
      } else {
        pending.removeFirst();
        rejected++;
        problem("call " + call.seq() + " (" + call.kind() + ") rejected: " + failure.getMessage());
      }
    }
    if (down || spill.exists()) {
      try {
        spill.delete();
      } catch (IOException e) {
        problem("could not delete " + spill.path() + ": " + e.getMessage());
      }
    }
    down = false;
    return true;
  }

  /** Returns null when delivered, else the failure that ends the attempts. */
  private MlflowApiException deliver(Call call, int attemptsWhenUnreachable) {
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<ModelPromotion> promotion = executor.execute(call, refs);
        if (promotion.isPresent()) {
          promotions.add(promotion.get());
          promotionSeq = call.seq();
        }
        return null;
      } catch (MlflowApiException e) {
        boolean last =
            switch (e.kind()) {
              case REJECTED -> true;
              case UNREACHABLE -> attempt >= attemptsWhenUnreachable;
              case TRANSIENT -> attempt >= policy.maxAttempts();
            };
        if (last) {
          return e;
        }
        try {
          sleeper.sleep(policy.delayAfter(attempt, random));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return new MlflowApiException(MlflowApiException.Kind.UNREACHABLE, "interrupted", ie);
        }
      } catch (RuntimeException e) {
        return MlflowApiException.rejected("malformed call: " + e);
      }
    }
  }

  private void goDown(MlflowApiException cause) {
    if (!down) {
      problem("MLflow unreachable at " + executor.trackingUri() + ": " + cause.getMessage());
    }
    down = true;
    try {
      List<Call> preserved = new ArrayList<>();
      for (Call c : pending) {
        preserved.add(spill.preserve(c));
      }
      pending.clear();
      pending.addAll(preserved);
      spill.rewrite(refs, pending);
    } catch (IOException e) {
      problem("could not write buffer " + spill.path() + " (kept in memory): " + e.getMessage());
    }
  }

  private void keep(Call call) {
    try {
      Call preserved = spill.preserve(call);
      if (preserved != call) {
        pending.removeLastOccurrence(call);
        pending.addLast(preserved);
      }
      spill.append(preserved);
    } catch (IOException e) {
      problem("could not write buffer " + spill.path() + " (kept in memory): " + e.getMessage());
    }
  }

  private void problem(String line) {
    if (problems.size() == MAX_PROBLEMS) {
      problems.remove(0);
    }
    problems.add(line);
  }
}
