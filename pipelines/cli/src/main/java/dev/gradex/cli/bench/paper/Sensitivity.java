package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.bench.sweep.LambdaSweep;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.finetune.FineTuneResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sensitivity study: one knob of the estimate at a time (lambda, the norm cap, m, alpha, and d,
 * for which the gradients are extracted again at theta*) moved away from the run's setting, each
 * re-estimated by {@link LambdaSweep} (the estimate stage itself plus the fidelity points
 * re-estimated), with the final test loss of the selection it makes (a fine-tune only when that
 * selection was not fine-tuned before, {@link FineTuneCache}).
 *
 * <p>fhat(S) of one given subset depends on lambda, the cap and d, but not on m or alpha: those
 * only choose which subsets are sampled. So each row also scores the ridge surrogate fitted on the
 * m sampled subsets (stage 4 of Li et al., arXiv 2409.19458) by how well it predicts the measured
 * fidelity points ({@link SurrogateFidelity}); that is the figure m and alpha move.
 *
 * @param lambdas lambda values
 * @param normCaps norm caps (NaN: none)
 * @param subsets values of m
 * @param alphas values of alpha
 * @param dims values of d, the projection dimension
 */
record Sensitivity(
    List<Double> lambdas,
    List<Double> normCaps,
    List<Integer> subsets,
    List<Double> alphas,
    List<Integer> dims) {

  /** Extracts the run's gradients at theta* projected to d dimensions into a store directory. */
  interface Extractor {
    void extract(int dim, Path store) throws Exception;
  }

  /** The grid. */
  static final Sensitivity FULL =
      new Sensitivity(
          List.of(0.001, 0.01, 0.1, 1.0),
          List.of(Double.NaN, 0.1, 0.3),
          List.of(100, 200, 500, 1000),
          List.of(0.25, 0.5, 0.75),
          List.of(50, 100, 200, 400));

  /** Two points per knob. */
  static final Sensitivity QUICK =
      new Sensitivity(
          List.of(0.01, 0.1),
          List.of(Double.NaN, 0.1),
          List.of(50, 100),
          List.of(0.25, 0.5),
          List.of(25, 50));

  /**
   * One setting.
   *
   * @param knob lambda, norm_cap, m, alpha or d
   * @param value the knob's value
   * @param spearman Spearman of fhat against measured f over the fidelity points
   * @param relativeRss relative RSS over the fidelity points
   * @param meanRelativeNorm mean ||P w|| / ||theta*|| over the m subsets
   * @param surrogateSpearman Spearman of the ridge surrogate fitted to the m sampled subsets' fhat,
   *     predicting the fidelity points, against their measured f
   * @param surrogateRelativeRss relative RSS of the same predictions
   * @param selected the run rule's selection at this setting
   * @param testLoss target test loss after fine-tuning on it
   */
  record Row(
      String knob,
      String value,
      double spearman,
      double relativeRss,
      double meanRelativeNorm,
      double surrogateSpearman,
      double surrogateRelativeRss,
      List<String> selected,
      double testLoss) {}

  /** Every setting of this grid on the finished run in {@code runDir}. */
  List<Row> run(
      Path runDir,
      int runDim,
      Extractor extractor,
      int threads,
      FineTuneCache cache,
      java.util.function.Consumer<String> log)
      throws Exception {
    FinishedRun run = FinishedRun.read(runDir);
    FinishedRun.Settings s = run.estimate();
    Path work = runDir.resolve("paper-sensitivity");
    List<Row> rows = new ArrayList<>();
    for (double lambda : lambdas) {
      log.accept("sensitivity: lambda " + lambda);
      rows.add(
          row(
              "lambda",
              fmt(lambda),
              run,
              work.resolve("lambda"),
              lambda,
              s.normCap(),
              threads,
              cache));
    }
    for (double cap : normCaps) {
      log.accept("sensitivity: norm cap " + fmt(cap));
      rows.add(
          row(
              "norm_cap",
              fmt(cap),
              run,
              work.resolve("norm-cap"),
              s.lambda(),
              cap,
              threads,
              cache));
    }
    for (int m : subsets) {
      log.accept("sensitivity: m " + m);
      FinishedRun r = new FinishedRun(run.dir(), s.withSampling(m, s.alpha()), run.points());
      rows.add(
          row(
              "m",
              String.valueOf(m),
              r,
              work.resolve("m-" + m),
              s.lambda(),
              s.normCap(),
              threads,
              cache));
    }
    for (double alpha : alphas) {
      log.accept("sensitivity: alpha " + alpha);
      FinishedRun r = new FinishedRun(run.dir(), s.withSampling(s.subsets(), alpha), run.points());
      rows.add(
          row(
              "alpha",
              fmt(alpha),
              r,
              work.resolve("alpha-" + alpha),
              s.lambda(),
              s.normCap(),
              threads,
              cache));
    }
    for (int d : dims) {
      log.accept("sensitivity: d " + d + (d == runDim ? " (the run's store)" : ": extracting"));
      Path dDir = d == runDim ? runDir : work.resolve("d-" + d);
      if (d != runDim) {
        extractor.extract(d, dDir.resolve("gradients"));
      }
      FinishedRun r = new FinishedRun(dDir, s, run.points());
      rows.add(
          row(
              "d",
              String.valueOf(d),
              r,
              work.resolve("d-" + d + "-estimate"),
              s.lambda(),
              s.normCap(),
              threads,
              cache));
    }
    return rows;
  }

  private static Row row(
      String knob,
      String value,
      FinishedRun run,
      Path work,
      double lambda,
      double cap,
      int threads,
      FineTuneCache cache)
      throws Exception {
    LambdaSweep.Setting st =
        new LambdaSweep(run, work, threads).sweep(List.of(lambda), List.of(cap)).get(0);
    FineTuneResult r = cache.get(st.selected());
    FidelityReport surrogate =
        SurrogateFidelity.of(work.resolve(LambdaSweep.name(lambda, cap)), run.points());
    return new Row(
        knob,
        value,
        st.spearman(),
        st.relativeRss(),
        st.meanRelativeNorm(),
        surrogate.spearman(),
        surrogate.relativeRss(),
        st.selected(),
        r.testLoss());
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%s", v);
  }
}
