package dev.gradex.cli.bench.sweep;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.SubsetEstimate;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Re-estimates a finished run's fidelity points at other values of lambda and the norm cap (stage 3
 * of Li, Zhang, Wang and Zhang, arXiv 2409.19458) and compares each fhat(S) with the f(S) measured
 * by really fine-tuning on S. Per setting it also re-runs the estimate stage itself ({@link
 * EstimateSubsetsRun}, the product's own code, with the run's other settings) for the selection the
 * run's rule makes and the mean relative update norm over its m subsets.
 */
public final class LambdaSweep {
  /** One (lambda, norm cap) setting and what it gives. */
  public record Setting(
      double lambda,
      double normCap,
      int points,
      double spearman,
      double spearmanMultiSource,
      double kendallTauB,
      double relativeRss,
      double meanRelativeError,
      double meanRelativeNorm,
      double fidelityMeanRelativeNorm,
      double convergedFraction,
      List<String> selected,
      double selectedEstimate,
      Double selectedMeasured,
      double[] estimates,
      List<String> warnings) {}

  private final FinishedRun run;
  private final Path work;
  private final int threads;

  public LambdaSweep(FinishedRun run, Path work, int threads) {
    this.run = run;
    this.work = work;
    this.threads = threads;
  }

  /** Every lambda with every norm cap (NaN: none), in that order. */
  public List<Setting> sweep(List<Double> lambdas, List<Double> normCaps)
      throws InterruptedException {
    List<Setting> out = new ArrayList<>();
    try (GradientStore store = GradientStore.open(run.store())) {
      List<String> names = store.taskNames();
      List<int[]> members = new ArrayList<>();
      for (FinishedRun.Point p : run.points()) {
        members.add(indices(p, names));
      }
      ExampleBlocks blocks = store.blocks(Runtime.getRuntime().maxMemory() / 4);
      for (double lambda : lambdas) {
        for (double cap : normCaps) {
          out.add(setting(store.manifest(), blocks, members, lambda, cap));
        }
      }
    }
    return out;
  }

  private Setting setting(
      StoreManifest manifest, ExampleBlocks blocks, List<int[]> members, double lambda, double cap)
      throws InterruptedException {
    FinishedRun.Settings s = run.estimate();
    EstimatorConfig config = s.estimator(lambda, cap);
    EstimateSubsetsResult stage =
        new EstimateSubsetsRun(
                s.stage(run.store(), work.resolve(name(lambda, cap)), config, threads),
                ProgressListener.NONE)
            .call();
    EstimatorConfig withAdapter =
        manifest.adapterNorm() == null || manifest.parameterLayout() == null
            ? config
            : config.withAdapter(
                manifest.parameterLayout().parameterCount(), manifest.adapterNorm());
    SubsetEstimator estimator =
        SubsetEstimators.over(blocks, withAdapter).create(EstimatorMode.fromName(s.mode()));
    int n = members.size();
    double[] estimated = new double[n];
    double[] measured = new double[n];
    double relError = 0;
    double normSum = 0;
    for (int i = 0; i < n; i++) {
      SubsetEstimate e = estimator.estimate(members.get(i));
      estimated[i] = e.estimatedLoss();
      measured[i] = run.points().get(i).measuredLoss();
      relError += Math.abs(estimated[i] - measured[i]) / Math.abs(measured[i]);
      normSum += e.relativeNorm();
    }
    FidelityReport report = FidelityReport.compare(estimated, measured);
    return new Setting(
        lambda,
        cap,
        n,
        report.spearman(),
        multiSourceSpearman(estimated, measured),
        report.kendallTauB(),
        report.relativeRss(),
        relError / n,
        stage.statistics().meanRelativeNorm(),
        normSum / n,
        stage.statistics().convergedFraction(),
        stage.selected(),
        stage.selectedLoss(),
        measuredOf(stage.selected()),
        estimated,
        stage.warnings());
  }

  /**
   * Spearman over the points with at least two sources, NaN for fewer than 3 such points. The
   * target alone and a single source are fine-tuned for far fewer optimizer steps under an equal
   * budget in epochs, so their f(S) also measures the budget, which fhat does not model; this
   * leaves them out.
   */
  private double multiSourceSpearman(double[] estimated, double[] measured) {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < estimated.length; i++) {
      if (run.points().get(i).members().size() >= 2) {
        keep.add(i);
      }
    }
    if (keep.size() < 3) {
      return Double.NaN;
    }
    double[] e = keep.stream().mapToDouble(i -> estimated[i]).toArray();
    double[] m = keep.stream().mapToDouble(i -> measured[i]).toArray();
    return FidelityReport.compare(e, m).spearman();
  }

  /** f(S) of the selection when a fidelity point fine-tuned exactly its sources, else null. */
  private Double measuredOf(List<String> selected) {
    for (FinishedRun.Point p : run.points()) {
      if (new HashSet<>(p.members()).equals(new HashSet<>(selected))) {
        return p.measuredLoss();
      }
    }
    return null;
  }

  /** The output directory name of a setting, e.g. {@code lambda-0.01-cap-none}. */
  public static String name(double lambda, double cap) {
    return String.format(Locale.ROOT, "lambda-%s-cap-%s", lambda, Double.isNaN(cap) ? "none" : cap);
  }

  private static int[] indices(FinishedRun.Point p, List<String> names) {
    int[] out = new int[p.members().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = names.indexOf(p.members().get(i));
      if (out[i] < 0) {
        throw new InvalidInputException(
            "fidelity.json: " + p.id(),
            "source " + p.members().get(i) + " is not in the gradient store " + names);
      }
    }
    java.util.Arrays.sort(out);
    return out;
  }
}
