package dev.gradex.local;

import ai.djl.Device;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.Schedule;
import dev.gradex.model.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A base model the project builds itself: a small GPT-2-style decoder with a character-level
 * tokenizer, saved as an ordinary Hugging Face directory. With pretraining epochs it is first
 * trained in full (every module unfrozen) on a corpus, so that LoRA later adapts a model that
 * already knows the data's format, as a pretrained LM would.
 */
final class TinyBase {
  private static final List<String> ALL_MODULES =
      List.of("wte", "wpe", "ln_1", "ln_2", "ln_f", "c_attn", "c_proj", "c_fc");

  private static final String TMP_PREFIX = ".tmp-base";

  private TinyBase() {}

  /**
   * Deletes what a killed earlier build left: pretraining has no checkpoint, so its half-written
   * temporary directory is of no use and would otherwise pile up at every kill.
   */
  private static void removeAbandoned(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (var s = Files.list(parent)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
        dev.gradex.core.AtomicFiles.deleteTree(p);
      }
    }
  }

  /** Creates (or reuses, if complete) the model directory {@code dir}. */
  static Path create(
      Path dir,
      RunConfig.Tiny t,
      Path pretrainData,
      long seed,
      Device device,
      ProgressListener listener) {
    if (Files.isRegularFile(dir.resolve("model.safetensors"))
        && Files.isRegularFile(dir.resolve("tokenizer.json"))) {
      return dir;
    }
    try {
      removeAbandoned(dir.toAbsolutePath().getParent());
      Path tmp = Files.createTempDirectory(dir.toAbsolutePath().getParent(), TMP_PREFIX);
      int vocab = CharTokenizerJson.write(tmp, t.alphabet());
      try (LanguageModel m =
          TinyDecoder.create(
              TinyDecoder.config(vocab, t.context(), t.hidden(), t.layers(), t.heads()),
              device,
              seed)) {
        if (t.pretrainEpochs() > 0 && pretrainData != null) {
          // LoRA's own contribution is scaled to nothing: the modules are trained in full.
          m.applyLora(new LoraConfig(1, 1e-6, 0, List.of("c_attn"), ALL_MODULES), seed);
          try (TextTokenizer tok = TextTokenizer.load(tmp)) {
            var data =
                ExampleEncoder.forModel(m.config(), tok)
                    .encodeAll(Dataset.read(pretrainData, "pretrain").examples());
            Trainer.builder()
                .setTrainData(data)
                .setEpochs(t.pretrainEpochs())
                .setLearningRate(3e-3)
                .optBatchSize(32)
                .optSchedule(Schedule.COSINE)
                .optWarmupRatio(0.05)
                .optSeed(seed)
                .optListener(listener)
                .build()
                .train(m);
          }
        }
        HfModels.save(m, tmp);
      }
      Files.createDirectories(dir.getParent());
      if (Files.exists(dir)) {
        try (var s = Files.list(dir)) {
          for (Path f : s.toList()) {
            Files.delete(f);
          }
        }
        Files.delete(dir);
      }
      AtomicFiles.publishTree(tmp, dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the base model " + dir, e);
    }
  }
}
