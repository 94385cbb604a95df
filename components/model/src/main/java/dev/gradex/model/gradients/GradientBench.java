package dev.gradex.model.gradients;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.objective.Objectives;
import dev.gradex.model.tensor.Scalars;
import dev.gradex.model.train.AdamW;
import dev.gradex.model.train.BatchBackward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures stage 2 of Li et al. (arXiv 2409.19458) on a {@link BenchModel} (the synthetic
 * GPT-2-shaped decoder with LoRA on every linear layer, or a real model directory with its family's
 * LoRA defaults): batched per-example gradient extraction against one plain batched
 * forward+backward, against the batch-size-1 gradient loop of the research code, and against a loop
 * of batch-of-one forward and backward passes, in the same process on the same examples.
 *
 * @param model the model (the synthetic decoder or a real directory)
 * @param batch examples per batch
 * @param seq tokens per example (the first 8 are an unsupervised prompt)
 * @param dim projected dimension d
 * @param reps timed repetitions per measurement (after one warm-up)
 * @param recompute whether the training step recomputes the layers ({@link BatchBackward})
 */
public record GradientBench(
    BenchModel model, int batch, int seq, int dim, int reps, boolean recompute) {

  /** Runs every measurement. */
  public BenchResult run() {
    Device cpu = Device.cpu();
    try (LanguageModel m = model.open(cpu);
        NDManager s = ModelRuntime.newManager(cpu)) {
      Batch b = Batch.of(examples(batch, seq, model.vocab()), s);
      long p = Layouts.of(m).parameterCount();
      long t0 = System.nanoTime();
      RademacherProjector projector = new RademacherProjector(7, dim, Layouts.of(m));
      try (GradientProjection proj = new GradientProjection(projector, 1L << 31, cpu);
          AdamW opt = new AdamW(m.trainableParameters(), 0.0)) {
        double setup = (System.nanoTime() - t0) / 1e9;
        PerExampleGradients peg = new PerExampleGradients(m);
        double fwdBwd = median(() -> fwdBwd(m, b));
        double[] projectionTimes = new double[reps + 1];
        int[] q = {0};
        double extract =
            median(() -> projectionTimes[q[0]++ % (reps + 1)] = extract(m, peg, proj, b));
        Arrays.sort(projectionTimes);
        double extractProjection = projectionTimes[(reps + 1) / 2];
        double[][] loops = new double[reps + 1][];
        int[] k = {0};
        median(() -> loops[k[0]++ % (reps + 1)] = loop(m, proj, b));
        Arrays.sort(loops, (x, y) -> Double.compare(x[0], y[0]));
        double forwardLoop = loops[(reps + 1) / 2][0];
        Arrays.sort(loops, (x, y) -> Double.compare(x[1], y[1]));
        double forwardLoopBatchedProjection = loops[(reps + 1) / 2][1];
        double[] researchTimes = new double[reps + 1];
        int[] j = {0};
        median(() -> researchTimes[j[0]++ % (reps + 1)] = research(m, proj, b));
        Arrays.sort(researchTimes);
        double researchLoop = researchTimes[(reps + 1) / 2];
        double step = median(() -> trainStep(m, opt, b, recompute));
        return new BenchResult(
            p,
            m.baseParameterCount(),
            dim,
            batch,
            seq,
            fwdBwd,
            extract,
            extractProjection,
            researchLoop,
            forwardLoop,
            forwardLoopBatchedProjection,
            setup,
            batch * (double) seq / step,
            ProcessMemory.peakRssMb());
      }
    }
  }

  private double median(Runnable r) {
    r.run(); // warm-up
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    return t[reps / 2];
  }

  private static void fwdBwd(LanguageModel m, Batch batch) {
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(batch.examples(), s);
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        NDArray loss = Objectives.lossSum(m.forward(b.ids(), b.mask(), true), b);
        gc.backward(Scalars.div(loss, b.targetTokens()));
      }
      zeroGrads(m);
    }
  }

  /** Extracts the batch; returns the seconds its projection step took. */
  static double extract(
      LanguageModel m, PerExampleGradients peg, GradientProjection proj, Batch b) {
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch local = Batch.of(b.examples(), s);
      PerExampleGradients.Result r = peg.compute(local);
      r.outputs().toFloatArray();
      long t0 = System.nanoTime();
      proj.project(r.gradients(), b.size());
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /**
   * A stricter baseline than the research code: per example, a batch-of-one forward and backward,
   * the gradient read off the parameters and projected on its own ({@code g @ P}). Returns {seconds
   * of that loop, seconds of the same loop with the stacked gradients projected in one product
   * instead}.
   */
  private static double[] loop(LanguageModel m, GradientProjection proj, Batch b) {
    List<NamedParameter> params = m.trainableParameters();
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      long t0 = System.nanoTime();
      List<NDList> perParam = new ArrayList<>();
      params.forEach(x -> perParam.add(new NDList()));
      for (Encoded e : b.examples()) {
        Batch one = Batch.of(List.of(e), s);
        try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
          gc.backward(
              Objectives.exampleOutputs(m.forward(one.ids(), one.mask(), false), one).sum());
        }
        for (int i = 0; i < params.size(); i++) {
          NDArray g = params.get(i).parameter().getArray().getGradient();
          NDArray copy = g.reshape(1, -1).duplicate();
          copy.attach(s);
          perParam.get(i).add(copy);
          g.subi(g);
        }
      }
      double fwdBwd = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      for (int e = 0; e < b.size(); e++) {
        List<NDArray> one = new ArrayList<>();
        for (NDList l : perParam) {
          one.add(l.get(e));
        }
        proj.project(one, 1);
      }
      double single = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      List<NDArray> stacked = new ArrayList<>();
      for (NDList l : perParam) {
        stacked.add(NDArrays.concat(l, 0));
      }
      proj.project(stacked, b.size());
      double batched = (System.nanoTime() - t0) / 1e9;
      return new double[] {fwdBwd + single, fwdBwd + batched};
    }
  }

  /**
   * The research code's batch-size-1 gradient loop (fast_estimate_compute_gradients.py): one
   * batched forward, then per example {@code autograd.grad} of its own output through the retained
   * batch graph, the gradient flattened and projected on its own ({@code g @ P}; the research code
   * does this product in float64 NumPy, here it is a float32 libtorch product, so this timing is if
   * anything generous to the loop).
   */
  private static double research(LanguageModel m, GradientProjection proj, Batch batch) {
    List<NamedParameter> params = m.trainableParameters();
    long t0 = System.nanoTime();
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(batch.examples(), s);
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        NDArray o = Objectives.exampleOutputs(m.forward(b.ids(), b.mask(), false), b);
        for (int e = 0; e < b.size(); e++) {
          NDArray oe = o.get(e);
          // DJL's collector always frees the graph; the research code keeps it (retain_graph).
          JniUtils.backward((PtNDArray) oe, (PtNDArray) s.ones(oe.getShape()), true, false);
          List<NDArray> one = new ArrayList<>();
          for (NamedParameter p : params) {
            NDArray g = p.parameter().getArray().getGradient();
            NDArray copy = g.reshape(1, -1).duplicate();
            copy.attach(s);
            one.add(copy);
            g.subi(g);
          }
          proj.project(one, 1);
        }
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One LoRA training step as the {@code Trainer} takes it: {@link BatchBackward}, then AdamW. */
  static void trainStep(LanguageModel m, AdamW opt, Batch batch, boolean recompute) {
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(batch.examples(), s);
      BatchBackward.run(m, b, b.targetTokens(), recompute);
      opt.step(1e-6, 1.0);
    }
  }

  private static void zeroGrads(LanguageModel m) {
    for (NamedParameter p : m.trainableParameters()) {
      NDArray g = p.parameter().getArray().getGradient();
      g.subi(g);
    }
  }

  static void randomizeB(LanguageModel m) {
    Random rng = new Random(3);
    m.loraLayers()
        .forEach(
            a -> {
              float[] v = new float[(int) a.shapeB().size()];
              for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian() * 0.02f;
              }
              a.setValues(m.manager(), a.loraA().getArray().toFloatArray(), v);
            });
  }

  /**
   * {@code batch} random examples of {@code seq} tokens below {@code vocab}, all but the first 8
   * supervised.
   */
  static List<Encoded> examples(int batch, int seq, int vocab) {
    Random rng = new Random(11);
    List<Encoded> out = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      long[] ids = new long[seq];
      long[] targets = new long[seq];
      boolean[] sup = new boolean[seq];
      for (int t = 0; t < seq; t++) {
        ids[t] = rng.nextInt(vocab);
      }
      for (int t = 0; t + 1 < seq; t++) {
        targets[t] = ids[t + 1];
        sup[t] = t + 1 >= 8;
      }
      out.add(new Encoded(Example.lm("bench/" + i, "bench", "", ""), ids, targets, sup));
    }
    return out;
  }
}
