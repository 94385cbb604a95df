package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.approx.OutputApproximation;
import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.core.fidelity.FidelityReport;
import java.util.List;
import java.util.Map;

/**
 * What the studies measured on one problem.
 *
 * @param name the problem
 * @param sources the number of candidate sources
 * @param fidelity fhat against measured f over the really fine-tuned subsets of the first seed
 * @param points those subsets, for the scatter plot
 * @param budgetSteps the optimizer steps of every fine-tune
 * @param estimatedSubsets the subsets the run's estimate stage estimated
 * @param cost the cost table
 * @param quality per method, test loss and accuracy over the seeds
 * @param noiseAuroc AUROC of the task scores, planted harmful against clean (first seed)
 * @param noiseAurocBySeed the same per seed
 * @param sensitivity the sensitivity rows (first seed)
 * @param approximation the output-approximation error at theta* of the first seed
 * @param partSeconds wall seconds of each part in this invocation
 * @param stageSeconds per stage, the largest seconds over the seeds and sittings (the real work)
 */
record ProblemResult(
    String name,
    int sources,
    FidelityReport fidelity,
    List<FinishedRun.Point> points,
    long budgetSteps,
    int estimatedSubsets,
    CostModel cost,
    Map<String, Quality> quality,
    double noiseAuroc,
    List<Double> noiseAurocBySeed,
    List<Sensitivity.Row> sensitivity,
    OutputApproximation.Measurement approximation,
    Map<String, Double> partSeconds,
    Map<String, Double> stageSeconds) {

  /**
   * One method's figures over the seeds.
   *
   * @param testLoss target test loss
   * @param accuracy target test accuracy (classification only; NaN otherwise)
   * @param sizes how many sources it chose per seed
   */
  record Quality(Spread testLoss, Spread accuracy, List<Integer> sizes) {}
}
