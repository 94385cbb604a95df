package dev.gradex.model.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradex.core.InvalidInputException;
import java.util.Locale;

/**
 * How a {@link Trainer} cuts an epoch into micro-batches. Batches are padded to their longest
 * example, so with sources of very different lengths a random cut lets the long examples set the
 * cost of almost every batch; {@link #BY_LENGTH} groups examples of similar length instead (see
 * {@link BatchPlan}). Both are pure functions of (seed, epoch), so a resumed run redoes exactly the
 * batches it would have done.
 */
public enum Batching {
  /** A seeded shuffle cut into consecutive batches. */
  RANDOM("random"),
  /** The same shuffle, grouped into pools sorted by length, cut, and the batches shuffled. */
  BY_LENGTH("by-length");

  /**
   * The mode of the components and of {@code gradex run} when none is given: {@link #RANDOM}.
   * {@link #BY_LENGTH} pays when lengths vary widely (2.2x to 2.8x real tokens/s on real text in
   * BENCHMARKS.md), but where length goes with the source it makes batches of one source: on the
   * demo, whose conflicting sources are all of one length, meta-training by length ended at target
   * validation loss 0.511 against 0.373 at random (the same 616 steps), so it is opt-in.
   */
  public static final Batching DEFAULT = RANDOM;

  private final String id;

  Batching(String id) {
    this.id = id;
  }

  /** The name used in options and run.yaml: {@code random} or {@code by-length}. */
  @JsonValue
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  /** Reads the name written by {@link #id()} (in recorded settings). */
  @JsonCreator
  static Batching fromJson(String value) {
    return parse("batching", value);
  }

  /** Parses {@code random} or {@code by-length} (case-insensitive); null gives the default. */
  public static Batching parse(String field, String value) {
    if (value == null) {
      return DEFAULT;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Batching b : values()) {
      if (b.id.equals(v)) {
        return b;
      }
    }
    throw new InvalidInputException(
        field, "'" + value + "' is not a batching mode (random or by-length)");
  }
}
