package dev.gradex.tests;

import dev.gradex.local.ArithmeticSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The miniature arithmetic problem the end-to-end tests run {@code gradex run} on: the data of an
 * {@link ArithmeticSources} problem, a format corpus for pretraining a one-layer tiny decoder, and
 * a {@code run.yaml} with small settings. The fields are what the tests vary.
 *
 * @param problem sources and target splits
 * @param formatCorpus pretraining examples
 * @param sources source names, in the order of the config
 * @param context tiny decoder context length
 * @param pretrainEpochs base-model pretraining epochs
 * @param trainEpochs meta-training epochs
 * @param chunkSize gradient store chunk size, 0 for the default
 * @param subsets sampled subsets
 * @param fineTuneEpochs final fine-tuning epochs
 * @param fidelitySubsets fidelity check subsets, 0 for none in the config
 */
record MiniatureRun(
    ArithmeticSources problem,
    int formatCorpus,
    List<String> sources,
    int context,
    int pretrainEpochs,
    int trainEpochs,
    int chunkSize,
    int subsets,
    int fineTuneEpochs,
    int fidelitySubsets) {

  /** Writes {@code data/} and {@code run.yaml} (output {@code out}) into {@code dir}. */
  Path write(Path dir) throws IOException {
    problem.write(dir.resolve("data"));
    problem.writeFormatCorpus(dir.resolve("data/pre.jsonl"), formatCorpus);
    List<String> lines = new ArrayList<>(List.of("out: out", "seed: 3", "sources:"));
    for (String s : sources) {
      lines.add("  - {name: " + s + ", path: data/" + s + ".jsonl}");
    }
    lines.add(
        "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
            + " test: data/target-test.jsonl}");
    lines.add(
        "model: {tiny: {alphabet: \"0123456789+=;\", hidden: 32, layers: 1, heads: 2, context: "
            + context
            + ", pretrainEpochs: "
            + pretrainEpochs
            + ", pretrainData: data/pre.jsonl}}");
    lines.add("lora: {rank: 4, alpha: 8, targets: [c_attn, c_fc]}");
    lines.add("train: {epochs: " + trainEpochs + ", learningRate: 0.01, batchSize: 16}");
    lines.add(
        "gradients: {dim: 16, seed: 1, batchSize: 16"
            + (chunkSize > 0 ? ", chunkSize: " + chunkSize : "")
            + "}");
    lines.add(
        "estimate: {subsets: " + subsets + ", alpha: 0.5, mode: faithful, select: best-prefix}");
    lines.add("fineTune: {epochs: " + fineTuneEpochs + ", learningRate: 0.01, batchSize: 16}");
    if (fidelitySubsets > 0) {
      lines.add("fidelity: {subsets: " + fidelitySubsets + "}");
    }
    lines.add("");
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(yaml, String.join("\n", lines));
    return yaml;
  }

  /**
   * The smallest four-source problem (2 clean, 1 noisy, 1 conflicting; 40 examples per source, 20
   * per target split), on a 48-token one-layer decoder pretrained for one epoch.
   */
  static MiniatureRun fourSmallSources(int trainEpochs, int fineTuneEpochs, int fidelitySubsets) {
    return new MiniatureRun(
        new ArithmeticSources(5, 2, 1, 1, 40, 20, 20),
        60,
        List.of("clean-00", "clean-01", "noisy-00", "conflict-00"),
        48,
        1,
        trainEpochs,
        0,
        8,
        fineTuneEpochs,
        fidelitySubsets);
  }

  /** The four-source problem of the kill-and-resume tests (2 clean, 1 noisy, 1 conflicting). */
  static MiniatureRun fourSources(int subsets, int fineTuneEpochs) {
    return new MiniatureRun(
        new ArithmeticSources(5, 2, 1, 1, 40, 60, 40),
        200,
        List.of("clean-00", "clean-01", "noisy-00", "conflict-00"),
        64,
        2,
        3,
        40,
        subsets,
        fineTuneEpochs,
        0);
  }
}
