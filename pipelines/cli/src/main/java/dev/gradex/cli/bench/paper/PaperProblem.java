package dev.gradex.cli.bench.paper;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark problem: it writes its data once (fixed seed) and a {@code gradex run}
 * configuration per run seed, and names its planted roles.
 */
interface PaperProblem {
  /** Its name in paper.json and on the command line. */
  String name();

  /**
   * Writes the problem's data (once, under {@code problemDir/data}) and the run configuration of
   * one run seed under {@code runDir}; returns the run.yaml.
   *
   * @param fidelitySubsets fidelity.subsets of this run (0: none)
   */
  Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets);

  /** Subsets really fine-tuned for the fidelity study. */
  int fidelitySubsets();

  /** The optimizer steps every fine-tune takes (an equal budget). */
  long budgetSteps();

  /** The truth.json roles whose sources are planted harmful. */
  List<String> harmfulRoles();

  /** The truth.json role whose sources are clean (helpful). */
  String cleanRole();
}
