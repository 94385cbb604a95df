package dev.gradex.model.gradients;

import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Version;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.Work;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.GradientStoreWriter;
import dev.gradex.core.store.GradientStoreWriterBuilder;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The extract-gradients step of GradEx (Li, Zhang, Wang, Zhang, "Scalable Fine-tuning from Multiple
 * Data Sources: A First-Order Approximation Approach", EMNLP Findings 2024, arXiv 2409.19458, stage
 * 2): for every training example of every task and every target validation example, o(z) at theta*
 * and the projected gradient P^T g(z), written to the core's gradient store.
 *
 * <p>Examples are ordered deterministically (tasks in the order added, file order within a task,
 * then the target's validation examples); shard k of K takes the k-th contiguous K-th of that
 * order. A shard is processed in chunks, each committed as a small store (see {@link ChunkStores});
 * a re-run skips committed chunks, and the shard's store appears, manifest last, only when all are
 * written. A re-run over a complete store returns its manifest. Memory stays flat: each batch lives
 * in its own manager and only one chunk's rows are buffered by the writer's files.
 *
 * <p>Progress goes to the configured listener as {@code ProgressEvent}s: {@code Truncated} (when
 * truncation is on), {@code WorkStarted} for the chunks (how many an earlier run committed) and
 * then the examples, {@code WorkAdvanced} per batch, {@code BatchRecomputed}, {@code
 * ChunkCommitted} per chunk, {@code WorkFinished} (this process's examples, tokens and seconds; not
 * when every chunk was done) and {@code Completed} for the store.
 */
public final class GradientExtractor {
  private final ExtractionConfig c;

  GradientExtractor(ExtractionConfig config) {
    this.c = config;
  }

  /** A new configuration builder. */
  public static ExtractionConfig builder() {
    return new ExtractionConfig();
  }

  /** Runs (or resumes) the shard and returns its store's manifest. */
  public StoreManifest run() {
    RademacherProjector projector = new RademacherProjector(c.seed, c.dim, Layouts.of(c.model));
    StoreManifest expected = template(projector);
    if (Files.isRegularFile(c.output.resolve(StoreManifest.FILE))) {
      return existing(expected);
    }
    List<ExtractionItem> items = shardItems();
    ExampleEncoder encoder =
        ExampleEncoder.forModel(c.model.config(), c.tokenizer, c.sequenceLimit);
    int truncated = 0;
    for (ExtractionItem it : items) {
      // fail before any compute on a record that cannot be used
      truncated += encoder.encode(it.example()).truncated() ? 1 : 0;
    }
    if (encoder.truncates()) {
      c.listener.on(new ProgressEvent.Truncated(truncated, items.size(), encoder.maxLength()));
    }
    int chunks = (items.size() + c.chunkSize - 1) / c.chunkSize;
    ChunkStores journal = new ChunkStores(c.output);
    StoreManifest chunkTemplate = chunkTemplate(expected, chunks);
    boolean[] done = new boolean[chunks];
    int already = 0;
    for (int k = 0; k < chunks; k++) {
      done[k] = journal.done(k, chunkTemplate, c.storeTasks());
      already += done[k] ? 1 : 0;
    }
    c.listener.on(new ProgressEvent.WorkStarted(Work.CHUNKS, chunks, already, already > 0));
    c.listener.on(new ProgressEvent.WorkStarted(Work.EXAMPLES, items.size(), 0, false));
    long t0 = System.nanoTime();
    long[] progress = {(long) already * c.chunkSize, 0};
    long computed = 0;
    try (GradientProjection projection =
        new GradientProjection(projector, c.projectionCacheBytes, c.model.manager().getDevice())) {
      PerExampleGradients gradients = new PerExampleGradients(c.model);
      for (int k = 0; k < chunks; k++) {
        if (done[k]) {
          continue;
        }
        List<ExtractionItem> part =
            items.subList(k * c.chunkSize, Math.min(items.size(), (k + 1) * c.chunkSize));
        try (GradientStoreWriter w =
            writer(projector, expected)
                .setDirectory(journal.dir(k))
                .optShard(k, Math.max(2, chunks))
                .build()) {
          for (int s = 0; s < part.size(); s += c.batchSize) {
            List<ExtractionItem> batch = part.subList(s, Math.min(part.size(), s + c.batchSize));
            progress[1] += runBatch(batch, encoder, gradients, projection, w);
            progress[0] += batch.size();
            computed += batch.size();
            c.listener.on(
                new ProgressEvent.WorkAdvanced(
                    Work.EXAMPLES,
                    progress[0],
                    items.size(),
                    OptionalDouble.of(progress[1] / ((System.nanoTime() - t0) / 1e9))));
          }
          w.commit();
        }
        c.listener.on(new ProgressEvent.ChunkCommitted(k, chunks));
      }
    }
    if (computed > 0) {
      c.listener.on(
          new ProgressEvent.WorkFinished(
              Work.EXAMPLES, computed, progress[1], (System.nanoTime() - t0) / 1e9));
    }
    GradientStoreWriterBuilder fin = writer(projector, expected).setDirectory(c.output);
    if (c.shardCount > 1) {
      fin.optShard(c.shardIndex, c.shardCount);
    }
    StoreManifest manifest;
    try (GradientStoreWriter w = fin.build()) {
      journal.copyAll(chunks, w);
      manifest = w.commit();
    }
    journal.deleteAll();
    c.listener.on(completed(manifest));
    return manifest;
  }

  private long runBatch(
      List<ExtractionItem> batch,
      ExampleEncoder encoder,
      PerExampleGradients gradients,
      GradientProjection projection,
      GradientStoreWriter w) {
    List<Encoded> encoded = new ArrayList<>(batch.size());
    for (ExtractionItem it : batch) {
      encoded.add(encoder.encode(it.example()));
    }
    float[][] r = computeBatch(encoded, gradients, projection);
    if (!finite(r)) {
      // Was seen rarely before the fix of DJL's scalar arithmetic under autograd (see Scalars);
      // kept as a defence: recompute once and refuse to write anything non-finite.
      c.listener.on(new ProgressEvent.BatchRecomputed(batch.get(0).example().id()));
      r = computeBatch(encoded, gradients, projection);
      if (!finite(r)) {
        throw new IllegalStateException(nonFinite(batch));
      }
    }
    int d = c.dim;
    long tokens = 0;
    for (int i = 0; i < batch.size(); i++) {
      ExtractionItem it = batch.get(i);
      float[] row = java.util.Arrays.copyOfRange(r[1], i * d, (i + 1) * d);
      int n = encoded.get(i).targetTokens();
      w.append(it.split(), it.task(), it.example().id(), r[0][i], n, row);
      tokens += n;
    }
    return tokens;
  }

  /** {outputs (B), features (B x d)} of one batch, every tensor freed on return. */
  private float[][] computeBatch(
      List<Encoded> encoded, PerExampleGradients gradients, GradientProjection projection) {
    try (NativeExitGuard.Section section = NativeExitGuard.enter();
        TransientArrays scope = new TransientArrays(c.model.manager());
        NDManager m = ModelRuntime.newManager(c.model.manager().getDevice())) {
      PerExampleGradients.Result r = gradients.compute(Batch.of(encoded, m));
      float[] outputs = r.outputs().toFloatArray();
      return new float[][] {outputs, projection.project(r.gradients(), encoded.size())};
    }
  }

  private static boolean finite(float[][] r) {
    for (float[] a : r) {
      for (float v : a) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String nonFinite(List<ExtractionItem> batch) {
    return "non-finite output or gradient in the batch starting at example "
        + batch.get(0).example().id()
        + " ("
        + batch.size()
        + " examples); committed chunks are kept, so a re-run resumes";
  }

  /**
   * The deterministic order of all examples (only the selected tasks' training examples when {@link
   * ExtractionConfig#optOnlyTasks} is set), cut to this shard.
   */
  List<ExtractionItem> shardItems() {
    List<ExtractionItem> all = new ArrayList<>();
    for (String task : c.storeTasks()) {
      for (Example e : c.tasks.get(task).examples()) {
        all.add(new ExtractionItem(Split.TRAIN, task, e));
      }
    }
    if (c.onlyTasks == null) {
      for (Example e : c.validation.examples()) {
        all.add(new ExtractionItem(Split.VALIDATION, null, e));
      }
    }
    long n = all.size();
    int from = (int) (n * c.shardIndex / c.shardCount);
    int to = (int) (n * (c.shardIndex + 1) / c.shardCount);
    return new ArrayList<>(all.subList(from, to));
  }

  private GradientStoreWriterBuilder writer(RademacherProjector projector, StoreManifest m) {
    return GradientStoreWriter.builder()
        .setProjector(projector)
        .setTasks(c.storeTasks())
        .optTargetTask(c.storeTargetTask())
        .optAdapterNorm(m.adapterNorm())
        .optDigests(m.digests())
        .optCodeVersion(Version.get());
  }

  /** The fields every store and chunk of this extraction must agree on. */
  private StoreManifest template(RademacherProjector projector) {
    Map<String, String> data = new TreeMap<>();
    c.tasks.forEach((name, d) -> data.put(name, d.digest()));
    data.put("@validation", c.validation.digest());
    return new StoreManifest(
        StoreManifest.KIND,
        StoreManifest.FORMAT_VERSION,
        c.dim,
        new StoreManifest.Projector(projector.kind(), c.seed, c.dim),
        StoreManifest.Layout.of(projector.layout()),
        Layouts.norm(c.model),
        new StoreManifest.Digests(c.modelDigest, c.adapterDigest, data),
        c.storeTargetTask(),
        List.of(),
        Map.of(),
        new StoreManifest.Shard(c.shardIndex, c.shardCount),
        null,
        Version.get());
  }

  private static StoreManifest chunkTemplate(StoreManifest m, int chunks) {
    return new StoreManifest(
        m.kind(),
        m.formatVersion(),
        m.dim(),
        m.projector(),
        m.parameterLayout(),
        m.adapterNorm(),
        m.digests(),
        m.targetTask(),
        m.tasks(),
        m.splits(),
        new StoreManifest.Shard(0, Math.max(2, chunks)),
        null,
        m.codeVersion());
  }

  private StoreManifest existing(StoreManifest expected) {
    try (GradientStore s = GradientStore.open(c.output, false)) {
      StoreManifest m = s.manifest();
      if (!m.parameterLayout().hash().equals(expected.parameterLayout().hash())
          || !m.projector().equals(expected.projector())
          || !m.digests().equals(expected.digests())
          || !m.taskNames().equals(c.storeTasks())) {
        throw new InvalidInputException(
            c.output.toString(), "holds a store from other inputs; choose another output");
      }
      c.listener.on(completed(m));
      return m;
    }
  }

  /** The event saying the shard's store is complete, with its size. */
  private static ProgressEvent completed(StoreManifest m) {
    long examples = m.split(Split.TRAIN) == null ? 0 : m.split(Split.TRAIN).examples();
    return new ProgressEvent.Completed(
        "gradient store", examples + " training examples, d=" + m.dim());
  }
}
