package dev.gradex.local.problems;

/**
 * One source of the real-text problem: {@code count0} passages of {@code pool0} and {@code count1}
 * of {@code pool1}, labelled 0 and 1 and then relabelled by {@code labels}.
 *
 * @param name the source's name (its file is {@code data/<name>.jsonl})
 * @param role the planted role, the key in {@code truth.json}
 */
record SourcePlan(
    String name, Role role, Pool pool0, int count0, Pool pool1, int count1, Labels labels) {

  /** Planted roles, as written to truth.json. */
  enum Role {
    /** The target's task on texts of another collection. */
    HELPFUL,
    /** Another binary task on other texts. */
    UNRELATED,
    /** The target's task with wrong labels. */
    HARMFUL
  }

  /** How the labels of the drawn passages are set. */
  enum Labels {
    /** 0 for {@code pool0}, 1 for {@code pool1}. */
    TRUE,
    /** 1 for {@code pool0}, 0 for {@code pool1}. */
    FLIPPED,
    /** A seeded coin per example. */
    RANDOM
  }

  int size() {
    return count0 + count1;
  }
}
