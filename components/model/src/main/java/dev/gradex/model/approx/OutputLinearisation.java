package dev.gradex.model.approx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.fidelity.ApproximationError;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.gradients.PerExampleGradients;
import dev.gradex.model.objective.Objectives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the output-approximation error of the fidelity section of Li, Zhang, Wang, Zhang,
 * "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach" (EMNLP
 * Findings 2024, arXiv 2409.19458) on a model at theta*: for each direction u and relative distance
 * r, {@code delta = r ||theta*|| u / ||u||}, and per example the squared relative gap between the
 * first-order model {@code b + g^T delta} and the real output {@code o(theta* + delta)} ({@link
 * ApproximationError#outputApproximationError}).
 *
 * <p>b and g are what the extraction stage computes ({@link PerExampleGradients}: the example
 * output of {@link Objectives#exampleOutputs} and its full gradient over every trainable tensor,
 * not projected), so this measures the product's own first-order model. The real outputs come from
 * a forward pass without gradients or dropout at the moved parameters, through the same objective.
 * {@code g^T u} is formed in double precision per batch, so no gradient is kept beyond its batch.
 * The model's parameters are theta* again when {@link #measure} returns or throws.
 */
public final class OutputLinearisation {
  /** Logits projected at a time when evaluating (as the evaluator bounds them, 2^24 floats). */
  private static final long CHUNK_ELEMENTS = 1L << 24;

  private final LanguageModel model;
  private final List<Encoded> examples;
  private final int batchSize;

  /**
   * @param model the model at theta* (LoRA applied or loaded)
   * @param examples the examples to measure on (e.g. the target's validation split)
   * @param batchSize examples per forward and backward pass
   */
  public OutputLinearisation(LanguageModel model, List<Encoded> examples, int batchSize) {
    if (examples.isEmpty() || batchSize < 1) {
      throw new IllegalArgumentException("needs examples and a batch size >= 1");
    }
    this.model = model;
    this.examples = List.copyOf(examples);
    this.batchSize = batchSize;
  }

  /** One row per direction and distance, directions outermost, in the order given. */
  public List<ApproximationRow> measure(List<Direction> directions, List<Double> distances) {
    List<float[]> theta = ParameterValues.get(model);
    double thetaNorm = ParameterValues.norm(theta);
    if (!(thetaNorm > 0)) {
      throw new IllegalStateException("||theta*|| is 0: no scale for relative distances");
    }
    List<List<float[]>> units = new ArrayList<>();
    for (Direction d : directions) {
      units.add(unit(d, theta));
    }
    int n = examples.size();
    double[] b = new double[n];
    double[][] gu = new double[directions.size()][n];
    atThetaStar(units, b, gu);
    List<ApproximationRow> rows = new ArrayList<>();
    try {
      for (int k = 0; k < directions.size(); k++) {
        for (double r : distances) {
          rows.add(row(directions.get(k).name(), r, theta, thetaNorm, units.get(k), b, gu[k]));
        }
      }
    } finally {
      try (NativeExitGuard.Section restore = NativeExitGuard.enter()) {
        ParameterValues.set(model, theta);
      }
    }
    return rows;
  }

  private ApproximationRow row(
      String name,
      double r,
      List<float[]> theta,
      double thetaNorm,
      List<float[]> unit,
      double[] b,
      double[] gu) {
    double scale = r * thetaNorm;
    List<float[]> moved = new ArrayList<>(theta.size());
    double sq = 0;
    for (int p = 0; p < theta.size(); p++) {
      float[] t = theta.get(p);
      float[] u = unit.get(p);
      float[] m = new float[t.length];
      for (int i = 0; i < t.length; i++) {
        m[i] = (float) (t[i] + scale * u[i]);
        double step = (double) m[i] - t[i];
        sq += step * step;
      }
      moved.add(m);
    }
    try (NativeExitGuard.Section set = NativeExitGuard.enter()) {
      ParameterValues.set(model, moved);
    }
    double[] actual = outputs();
    int n = b.length;
    double[] linearised = new double[n];
    double[] each = new double[n];
    for (int i = 0; i < n; i++) {
      linearised[i] = b[i] + scale * gu[i];
      each[i] =
          ApproximationError.outputApproximationError(
              new double[] {b[i]}, new double[] {linearised[i]}, new double[] {actual[i]});
    }
    return new ApproximationRow(
        name,
        r,
        Math.sqrt(sq) / thetaNorm,
        ApproximationError.outputApproximationError(b, linearised, actual),
        median(each),
        ApproximationError.outputApproximationError(b, b, actual),
        n);
  }

  /** {@code d / ||d||}, checked against the model's trainable shapes. */
  private static List<float[]> unit(Direction d, List<float[]> theta) {
    if (d.values().size() != theta.size()) {
      throw new IllegalArgumentException(
          d.name() + ": " + d.values().size() + " tensors, the model trains " + theta.size());
    }
    double norm = d.norm();
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new IllegalArgumentException(d.name() + ": the direction's norm is " + norm);
    }
    List<float[]> out = new ArrayList<>();
    for (int p = 0; p < theta.size(); p++) {
      float[] v = d.values().get(p);
      if (v.length != theta.get(p).length) {
        throw new IllegalArgumentException(d.name() + ": tensor " + p + " has another size");
      }
      float[] u = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        u[i] = (float) (v[i] / norm);
      }
      out.add(u);
    }
    return out;
  }

  /** b = o(theta*) and g^T u per direction, from the extraction stage's batched gradients. */
  private void atThetaStar(List<List<float[]>> units, double[] b, double[][] gu) {
    PerExampleGradients gradients = new PerExampleGradients(model);
    forEachBatch(
        (s, batch) -> {
          PerExampleGradients.Result r = gradients.compute(batch);
          float[] o = r.outputs().toFloatArray();
          for (int i = 0; i < o.length; i++) {
            b[s + i] = o[i];
          }
          List<NDArray> g = r.gradients();
          for (int p = 0; p < g.size(); p++) {
            float[] rows = g.get(p).toFloatArray();
            int numel = rows.length / o.length;
            for (int k = 0; k < units.size(); k++) {
              float[] u = units.get(k).get(p);
              for (int i = 0; i < o.length; i++) {
                double dot = 0;
                for (int j = 0; j < numel; j++) {
                  dot += (double) rows[i * numel + j] * u[j];
                }
                gu[k][s + i] += dot;
              }
            }
          }
        });
  }

  /** o(z) of every example at the model's current parameters, without gradients. */
  private double[] outputs() {
    double[] out = new double[examples.size()];
    int chunkRows =
        model.config().isDecoder()
            ? (int) Math.max(1, CHUNK_ELEMENTS / model.config().vocabSize())
            : Integer.MAX_VALUE;
    forEachBatch(
        (s, batch) -> {
          ModelOutput o = model.forward(batch.ids(), batch.mask(), false);
          float[] v = Objectives.evaluate(o, batch, chunkRows).outputs();
          for (int i = 0; i < v.length; i++) {
            out[s + i] = v[i];
          }
        });
    return out;
  }

  /** Work on one batch, given the index of its first example. */
  private interface BatchWork {
    void run(int offset, Batch batch);
  }

  /** Runs {@code work} on each batch in its own native section, manager and transient scope. */
  private void forEachBatch(BatchWork work) {
    for (int s = 0; s < examples.size(); s += batchSize) {
      List<Encoded> part = examples.subList(s, Math.min(examples.size(), s + batchSize));
      try (NativeExitGuard.Section section = NativeExitGuard.enter();
          TransientArrays scope = new TransientArrays(model.manager());
          NDManager m = ModelRuntime.newManager(model.manager().getDevice())) {
        work.run(s, Batch.of(part, m));
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
