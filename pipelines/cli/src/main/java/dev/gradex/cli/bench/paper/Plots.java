package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.sweep.FinishedRun;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG plots: per problem, fhat(S) against the measured f(S) with the line y = x. */
final class Plots {
  private Plots() {}

  /** Writes {@code file} (a temp file renamed into place). */
  static void fidelityScatter(String problem, List<FinishedRun.Point> points, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeries subsets = new XYSeries("really fine-tuned subsets");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (FinishedRun.Point p : points) {
      subsets.add(p.measuredLoss(), p.estimatedLoss());
      lo = Math.min(lo, Math.min(p.measuredLoss(), p.estimatedLoss()));
      hi = Math.max(hi, Math.max(p.measuredLoss(), p.estimatedLoss()));
    }
    XYSeries diagonal = new XYSeries("fhat = f");
    diagonal.add(lo, lo);
    diagonal.add(hi, hi);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(subsets);
    data.addSeries(diagonal);
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            problem + ": estimated fhat(S) vs measured f(S), " + points.size() + " subsets",
            "measured f(S) (real fine-tune)",
            "estimated fhat(S)",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, false);
    r.setSeriesShapesVisible(0, true);
    r.setSeriesLinesVisible(1, true);
    r.setSeriesShapesVisible(1, false);
    r.setSeriesStroke(1, new BasicStroke(1f));
    plot.setRenderer(r);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".plot", ".png");
    ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 800, 600);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
