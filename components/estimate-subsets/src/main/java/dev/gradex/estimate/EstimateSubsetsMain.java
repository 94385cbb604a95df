package dev.gradex.estimate;

import dev.gradex.component.CommandLines;

/** Entry point of the estimate-subsets container image. */
public final class EstimateSubsetsMain {
  private EstimateSubsetsMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new EstimateSubsetsCommand(), args));
  }
}
