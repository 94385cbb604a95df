package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.bench.sweep.LambdaSweep;
import java.util.List;

/**
 * GradEx with another selection rule or scoring on the run's own gradient store: the estimate stage
 * is run again ({@link LambdaSweep}, at the run's lambda and norm cap) with only that changed, into
 * {@code RUN/paper-variants/<name>}.
 *
 * @param name the method's key
 * @param select the rule (null: the run's)
 * @param scoring the scoring (null: the run's)
 */
record GradexVariant(String name, String select, String scoring) implements QualityMethod {
  @Override
  public List<String> select(FinishedSeedRun run) throws Exception {
    FinishedRun finished = FinishedRun.read(run.dir());
    FinishedRun.Settings s = finished.estimate();
    FinishedRun changed =
        new FinishedRun(
            finished.dir(),
            s.withRule(
                select == null ? s.select() : select, scoring == null ? s.scoring() : scoring),
            finished.points());
    return new LambdaSweep(
            changed,
            run.dir().resolve("paper-variants").resolve(name),
            Runtime.getRuntime().availableProcessors())
        .sweep(List.of(s.lambda()), List.of(s.normCap()))
        .get(0)
        .selected();
  }
}
