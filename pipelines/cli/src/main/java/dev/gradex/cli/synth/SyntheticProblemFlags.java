package dev.gradex.cli.synth;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.synth.SyntheticProblem;
import java.util.Map;

/**
 * The flag of each {@link SyntheticProblem} field in the commands that build one ({@code gradex
 * synth-store}, {@code gradex bench estimate}), so that the core's field errors reach the user
 * naming the flags they typed.
 */
public final class SyntheticProblemFlags {
  /** Field name in the core's errors to the flag that sets it. */
  public static final Map<String, String> BY_FIELD =
      Map.of(
          "seed", "--seed",
          "dim", "--dim",
          "tasks", "--tasks",
          "examples", "--examples",
          "helpful", "--helpful");

  private SyntheticProblemFlags() {}

  /** {@code b} built, or its problems named by flag. */
  public static SyntheticProblem build(SyntheticProblem.Builder b) {
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw e.renamed(BY_FIELD);
    }
  }
}
