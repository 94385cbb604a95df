package dev.gradex.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a reselection run may reuse the last full run's meta-initialisation theta* and
 * extract gradients for the new sources only (Li et al., arXiv 2409.19458: theta* is the point all
 * estimates are linearised around, so it stays valid while the data it was trained on is unchanged
 * and what was added since is a small part of the whole). Incremental only when every one of these
 * holds; otherwise a full run, with the reason:
 *
 * <ul>
 *   <li>a run was recorded, with where its theta* comes from, and it succeeded (its store and
 *       theta* were published to the reuse directory);
 *   <li>every change since is an added source: a changed or removed source makes its stored
 *       gradients stale;
 *   <li>theta* is at most {@code maxAge} old;
 *   <li>the sources added since theta* was trained (cumulated over incremental runs) hold at most
 *       {@code maxNewFraction} of all source bytes now.
 * </ul>
 *
 * @param reuseDir the pipeline's reuse directory (on its cache volume), passed as {@code reuse_dir}
 * @param maxAge oldest theta* to reuse
 * @param maxNewFraction largest share of bytes new since theta*, in (0, 1]
 */
public record IncrementalPolicy(String reuseDir, Duration maxAge, double maxNewFraction) {
  public static final String FULL = "full";
  public static final String INCREMENTAL = "incremental";

  /** Pipeline parameters of the decision. */
  public static final String ONLY_SOURCES = "only_sources";

  public static final String REUSE_DIR = "reuse_dir";

  /**
   * The outcome.
   *
   * @param onlySources the new sources to extract alone; empty for a full run
   * @param reason why, for the log
   */
  public record Decision(SortedSet<String> onlySources, String reason) {
    public boolean incremental() {
      return !onlySources.isEmpty();
    }

    public String mode() {
      return incremental() ? INCREMENTAL : FULL;
    }
  }

  public IncrementalPolicy {
    if (reuseDir == null || reuseDir.isBlank()) {
      throw new IllegalArgumentException("incremental.reuseDir is required");
    }
    if (maxAge == null || maxAge.isNegative()) {
      throw new IllegalArgumentException("incremental.maxAge must be a non-negative duration");
    }
    if (!(maxNewFraction > 0 && maxNewFraction <= 1)) {
      throw new IllegalArgumentException(
          "incremental.maxNewFraction must be in (0, 1], got " + maxNewFraction);
    }
  }

  /**
   * @param recorded the last recorded state
   * @param changes source name to added / changed / removed since it
   * @param now every source's digest and size now
   * @param recordedRunSucceeded whether the recorded run succeeded (asked only when needed)
   * @param at the current time
   */
  public Decision decide(
      Optional<WatchState> recorded,
      SortedMap<String, String> changes,
      SortedMap<String, SourceDigester.Measure> now,
      BooleanSupplier recordedRunSucceeded,
      Instant at) {
    if (recorded.isEmpty()) {
      return full("no run recorded yet");
    }
    WatchState last = recorded.get();
    if (last.thetaAt() == null || last.thetaSources() == null) {
      return full("the recorded run does not say where its theta* comes from");
    }
    SortedSet<String> added = new TreeSet<>();
    for (Map.Entry<String, String> c : changes.entrySet()) {
      if (!c.getValue().equals("added")) {
        return full("source " + c.getKey() + " " + c.getValue());
      }
      added.add(c.getKey());
    }
    if (added.isEmpty()) {
      return full("nothing was added");
    }
    Duration age = Duration.between(Instant.parse(last.thetaAt()), at);
    if (age.compareTo(maxAge) > 0) {
      return full("theta* is " + age + " old, more than " + maxAge);
    }
    double fraction = newFraction(now, last.thetaSources());
    if (Double.isNaN(fraction)) {
      return full("source sizes are unknown");
    }
    if (fraction > maxNewFraction) {
      return full(
          String.format(
              "%.3f of the data is new since theta*, more than %s", fraction, maxNewFraction));
    }
    if (!recordedRunSucceeded.getAsBoolean()) {
      return full("the recorded run " + last.runId() + " did not succeed");
    }
    return new Decision(
        added,
        String.format(
            "only %s added; %.3f of the data new since theta* (%s old)", added, fraction, age));
  }

  /** Bytes of the sources theta* was not trained on over all bytes; NaN if a size is unknown. */
  static double newFraction(SortedMap<String, SourceDigester.Measure> now, List<String> trained) {
    long all = 0;
    long fresh = 0;
    for (Map.Entry<String, SourceDigester.Measure> e : now.entrySet()) {
      long b = e.getValue().bytes();
      if (b < 0) {
        return Double.NaN;
      }
      all += b;
      fresh += trained.contains(e.getKey()) ? 0 : b;
    }
    return all == 0 ? 0 : (double) fresh / all;
  }

  /** The pipeline parameters of a run with {@code decision}. */
  public Map<String, Object> parameters(Decision decision) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ONLY_SOURCES, String.join(",", decision.onlySources()));
    p.put(REUSE_DIR, reuseDir);
    return p;
  }

  private static Decision full(String reason) {
    return new Decision(new TreeSet<>(), reason);
  }
}
