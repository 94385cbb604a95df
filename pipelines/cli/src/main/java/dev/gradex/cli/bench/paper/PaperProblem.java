package dev.gradex.cli.bench.paper;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.local.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark problem: it writes its data once (fixed seed) and a {@code gradex run}
 * configuration per run seed, and names its planted roles.
 */
abstract class PaperProblem {
  private final String name;
  private final int fidelitySubsets;
  private final long budgetSteps;
  private final List<String> harmfulRoles;
  private final String cleanRole;

  /**
   * @param name its name in paper.json and on the command line
   * @param fidelitySubsets subsets really fine-tuned for the fidelity study
   * @param budgetSteps the optimizer steps every fine-tune takes (an equal budget)
   * @param harmfulRoles the truth.json roles whose sources are planted harmful
   * @param cleanRole the truth.json role whose sources are clean (helpful)
   */
  PaperProblem(
      String name,
      int fidelitySubsets,
      long budgetSteps,
      List<String> harmfulRoles,
      String cleanRole) {
    this.name = name;
    this.fidelitySubsets = fidelitySubsets;
    this.budgetSteps = budgetSteps;
    this.harmfulRoles = List.copyOf(harmfulRoles);
    this.cleanRole = cleanRole;
  }

  /**
   * Writes the problem's data (once, under {@code problemDir/data}) and the run configuration of
   * one run seed under {@code runDir}; returns the run.yaml.
   *
   * @param fidelitySubsets fidelity.subsets of this run (0: none)
   */
  abstract Path prepare(Path problemDir, Path runDir, long runSeed, int fidelitySubsets);

  final String name() {
    return name;
  }

  final int fidelitySubsets() {
    return fidelitySubsets;
  }

  final long budgetSteps() {
    return budgetSteps;
  }

  final List<String> harmfulRoles() {
    return harmfulRoles;
  }

  final String cleanRole() {
    return cleanRole;
  }

  /** The fine-tune recipe every fine-tune of the problem shares: one budget of steps. */
  final RunConfig.Training fineTune(double learningRate, int batchSize) {
    return new RunConfig.Training(1, learningRate, batchSize, budgetSteps, null, null, null);
  }

  /** {@code data/<name>.jsonl} of each source, by absolute path. */
  static List<RunConfig.SourceEntry> sources(Path data, List<String> names) {
    List<RunConfig.SourceEntry> entries = new ArrayList<>();
    for (String s : names) {
      entries.add(new RunConfig.SourceEntry(s, file(data, s)));
    }
    return entries;
  }

  /** {@code data/target-{train,validation,test}.jsonl}, by absolute path. */
  static RunConfig.Target target(Path data) {
    return new RunConfig.Target(
        file(data, "target-train"), file(data, "target-validation"), file(data, "target-test"));
  }

  /** Writes {@code runDir/run.yaml} (atomically) and returns it. */
  static Path write(Path runDir, RunConfig config) {
    Path file = runDir.resolve("run.yaml");
    try {
      AtomicFiles.writeString(file, Json.YAML.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  // absolute: run.yaml may name files outside its directory only so
  private static String file(Path data, String name) {
    return data.toAbsolutePath().normalize().resolve(name + ".jsonl").toString();
  }
}
