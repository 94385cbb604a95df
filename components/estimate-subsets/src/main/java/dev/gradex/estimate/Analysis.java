package dev.gradex.estimate;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.FastPathError;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.scoring.BackwardElimination;
import dev.gradex.core.scoring.EnsembleScores;
import dev.gradex.core.scoring.ForwardStepwise;
import dev.gradex.core.scoring.RidgeFit;
import dev.gradex.core.scoring.RidgeSurrogate;
import dev.gradex.core.scoring.StepwisePath;
import dev.gradex.core.scoring.SubsetLoss;
import dev.gradex.core.scoring.TaskRanking;
import dev.gradex.core.selection.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the subset losses into task scores, a ranking and a selection, and measures how far the
 * fast paths land from the exact solution (Li et al., arXiv 2409.19458, stage 4;
 * docs/method.md#stage-4-sampling-scoring-selection).
 */
final class Analysis {
  private final EstimateSubsetsConfig config;
  private final EstimatorConfig effective;
  private final List<String> names;
  private final int[] candidates;
  private final List<int[]> subsets;
  private final double[] losses;
  private final SubsetEstimators estimators;
  private final SubsetEstimator estimator;
  private final SelectionPlan plan;
  private final Sampling sampling;
  private final List<String> warnings;

  Analysis(
      EstimateSubsetsConfig config,
      EstimatorConfig effective,
      List<String> names,
      int[] candidates,
      List<int[]> subsets,
      double[] losses,
      SubsetEstimators estimators,
      SubsetEstimator estimator,
      SelectionPlan plan,
      Sampling sampling,
      List<String> warnings) {
    this.config = config;
    this.effective = effective;
    this.names = names;
    this.candidates = candidates;
    this.subsets = subsets;
    this.losses = losses;
    this.estimators = estimators;
    this.estimator = estimator;
    this.plan = plan;
    this.sampling = sampling;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The ensemble score of a source is the mean fhat of the sampled subsets holding it (stage 4), so
   * a candidate in none of them has no score: refused with the settings that would give it one,
   * never ranked as NaN.
   */
  private void requireSampled(EnsembleScores ensemble) {
    List<String> unsampled = new ArrayList<>();
    for (int t : candidates) {
      if (ensemble.count(t) == 0) {
        unsampled.add(names.get(t));
      }
    }
    if (!unsampled.isEmpty()) {
      throw new InvalidInputException(
          "estimate.subsets",
          "source(s) "
              + String.join(", ", unsampled)
              + " are in none of the "
              + subsets.size()
              + " sampled subsets, so they have no ensemble score; raise estimate.subsets"
              + " (--subsets) or estimate.alpha (--alpha), or use --scoring ridge");
    }
  }

  EstimateOutputs run(ProgressListener listener) {
    EnsembleScores ensemble = EnsembleScores.compute(subsets, losses, names.size());
    RidgeFit ridge = RidgeSurrogate.withDefaultPenalty().fit(subsets, losses, names.size());
    if (!config.scoring().equals("ridge")) {
      requireSampled(ensemble);
    }
    double[] scores = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      int t = candidates[i];
      scores[i] = config.scoring().equals("ridge") ? ridge.coefficient(t) : ensemble.score(t);
    }
    TaskRanking ranking = TaskRanking.of(candidates, scores);
    SubsetLoss loss = tasks -> estimator.estimate(tasks).estimatedLoss();

    Map<String, Object> rule;
    StepwisePath stepwise = null;
    List<Double> prefixLosses = null;
    int[] selected;
    if (plan.isStepwise()) {
      stepwise = stepwise(loss);
      // The search's result, never its steps: backward's steps are the tasks it removed. Forward
      // only adds, so its steps are the result in the order added (best first).
      selected = plan.stepwise().equals("forward") ? stepwise.order() : stepwise.result();
      rule = Map.of("kind", plan.stepwise());
    } else {
      Selection selection = plan.rule().select(ranking, loss);
      selected = selection.taskArray();
      rule = selection.rule();
      prefixLosses = selection.prefixLosses();
    }
    int[] sortedSelected = selected.clone();
    Arrays.sort(sortedSelected);
    List<SelectionFile.SingleSource> singles = singleSources(loss);
    SelectionFile.EstimatedLoss estimated =
        new SelectionFile.EstimatedLoss(
            loss.loss(sortedSelected),
            loss.loss(candidates),
            loss.loss(new int[0]),
            singles.get(0).loss());
    SelectionFile selectionFile =
        new SelectionFile(
            rule,
            stepwise,
            prefixLosses,
            singles.get(0).task(),
            singles,
            taskNames(selected),
            sampling,
            effective.lambda(),
            Double.isNaN(effective.normCap()) ? null : effective.normCap(),
            warnings,
            config.scoring(),
            config.mode(),
            estimated,
            ranking(ranking),
            new SelectionFile.Surrogate(ridge.intercept(), ridge.rSquared()));
    FastPathFile fastPath = fastPath(listener);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("mode", config.mode());
    report.put("subsets", subsets.size());
    report.put("sampling", sampling);
    report.put("lambda", effective.lambda());
    report.put("normCap", Double.isNaN(effective.normCap()) ? null : effective.normCap());
    report.put("warnings", warnings);
    report.put("candidates", candidates.length);
    report.put("rule", plan.text());
    report.put("scoring", config.scoring());
    report.put("selected", taskNames(selected));
    report.put("loss", estimated);
    report.put("ranking", rankedTasks(ranking, ensemble, ridge));
    report.put("taskScores", selectionFile.taskScores());
    report.put("histogram", SelectionReport.histogram(losses, 30));
    report.put("prefixLosses", prefixLosses);
    report.put("fastPath", fastPath);
    report.put("config", config.settings());
    return new EstimateOutputs(
        names, candidates, ensemble, ridge, selectionFile, fastPath, SelectionReport.html(report));
  }

  /**
   * fhat({i}) of every candidate alone, lowest first (ties to the lower index): the best single
   * source is a fixed point of the fidelity check, and a baseline the selection should beat.
   */
  private List<SelectionFile.SingleSource> singleSources(SubsetLoss loss) {
    List<SelectionFile.SingleSource> out = new ArrayList<>();
    for (int t : candidates) {
      out.add(new SelectionFile.SingleSource(names.get(t), loss.loss(new int[] {t})));
    }
    out.sort(java.util.Comparator.comparingDouble(SelectionFile.SingleSource::loss));
    return out;
  }

  private StepwisePath stepwise(SubsetLoss loss) {
    if (plan.stepwise().equals("forward")) {
      return ForwardStepwise.builder()
          .setLoss(loss)
          .setCandidates(candidates)
          .optParallelism(config.threads())
          .build()
          .run();
    }
    return BackwardElimination.builder()
        .setLoss(loss)
        .setCandidates(candidates)
        .optParallelism(config.threads())
        .build()
        .run();
  }

  private List<SelectionFile.RankedScore> ranking(TaskRanking ranking) {
    return java.util.stream.IntStream.range(0, ranking.size())
        .mapToObj(r -> new SelectionFile.RankedScore(names.get(ranking.task(r)), ranking.score(r)))
        .toList();
  }

  private List<SelectionReport.RankedTask> rankedTasks(
      TaskRanking ranking, EnsembleScores ensemble, RidgeFit ridge) {
    return java.util.stream.IntStream.range(0, ranking.size())
        .mapToObj(
            r -> {
              int t = ranking.task(r);
              return new SelectionReport.RankedTask(
                  names.get(t), ensemble.score(t), ensemble.count(t), ridge.coefficient(t));
            })
        .toList();
  }

  private List<String> taskNames(int[] tasks) {
    return Arrays.stream(tasks).mapToObj(names::get).toList();
  }

  /** Fast paths against the exact (faithful) estimator on the first subsets. */
  private FastPathFile fastPath(ProgressListener listener) {
    int k = Math.min(config.fastPathSample(), subsets.size());
    if (k == 0) {
      return new FastPathFile(0, null, null);
    }
    listener.on(
        new ProgressEvent.Phase(
            "comparing fast paths with the exact solution on " + k + " subsets"));
    SubsetEstimator exact = estimators.create(EstimatorMode.FAITHFUL);
    List<int[]> sample = subsets.subList(0, k);
    return new FastPathFile(
        k,
        FastPathError.compare(estimators.create(EstimatorMode.CLOSED_FORM), exact, sample),
        FastPathError.compare(estimators.create(EstimatorMode.ONE_NEWTON), exact, sample));
  }
}
