package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.Sha256;
import dev.gradex.local.ArithmeticSources;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gives exit code 2, one message naming the file, field or value, and no
 * output that could pass for a result.
 */
@Tag("fast")
class BadInputIT {
  @TempDir static Path dir;
  static Path good;
  @TempDir Path work;

  @BeforeAll
  static void writeStore() {
    good = dir.resolve("good");
    Cli.synthStore(good, 600, 6, 8, 2, 1);
  }

  private Path copy() throws Exception {
    Path target = work.resolve("store");
    try (Stream<Path> s = Files.walk(good)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Files.copy(p, target.resolve(good.relativize(p).toString()));
      }
    }
    return target;
  }

  private Cli.Outcome estimate(Path store, String... extra) {
    String[] base = {
      "estimate-subsets",
      "--store",
      store.toString(),
      "--out",
      work.resolve("out").toString(),
      "--subsets",
      "20",
      "--quiet"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  private void assertRefused(Cli.Outcome o, String... named) {
    assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
    for (String n : named) {
      assertThat(o.stderr()).contains(n);
    }
    assertThat(work.resolve("out/selection.json")).doesNotExist();
    assertThat(work.resolve("out/manifest.json")).doesNotExist();
    assertThat(work.resolve("out/scores.csv")).doesNotExist();
  }

  @Test
  void truncatedFeatureFileIsRefusedNamingTheFile() throws Exception {
    Path s = copy();
    try (RandomAccessFile f =
        new RandomAccessFile(s.resolve("train.features.f32").toFile(), "rw")) {
      f.setLength(f.length() - 10);
    }
    assertRefused(estimate(s), "train.features.f32");
  }

  @Test
  void checksumMismatchIsRefusedNamingTheFile() throws Exception {
    Path s = copy();
    try (RandomAccessFile f = new RandomAccessFile(s.resolve("train.offsets.f32").toFile(), "rw")) {
      f.seek(4);
      int b = f.read();
      f.seek(4);
      f.write(b ^ 0x01);
    }
    assertRefused(estimate(s), "train.offsets.f32");
  }

  @Test
  void manifestWithAnotherDimIsRefusedNamingTheField() throws Exception {
    Path s = copy();
    ObjectNode m = manifest(s);
    m.put("dim", 16);
    ((ObjectNode) m.path("projector")).put("dim", 16);
    writeManifest(s, m);
    assertRefused(estimate(s), "dim");
  }

  @Test
  void nanFeatureIsRefusedNamingFileAndRow() throws Exception {
    Path s = copy();
    Path features = s.resolve("validation.features.f32");
    byte[] bytes = Files.readAllBytes(features);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 8 * 3 + 4 * 2, Float.NaN);
    Files.write(features, bytes);
    ObjectNode m = manifest(s);
    ((ObjectNode) m.path("splits").path("validation").path("files").path("validation.features.f32"))
        .put("sha256", Sha256.of(bytes));
    writeManifest(s, m);
    assertRefused(estimate(s), "validation.features.f32", "NaN");
  }

  @Test
  void emptyTaskIsRefusedNamingTheTask() throws Exception {
    Path s = copy();
    ObjectNode m = manifest(s);
    ObjectNode empty = ((ArrayNode) m.path("tasks")).addObject();
    empty.put("name", "src-empty");
    empty.put("trainExamples", 0);
    writeManifest(s, m);
    assertRefused(estimate(s), "src-empty");
  }

  @Test
  void unknownTaskNameIsRefusedNamingIt() throws Exception {
    assertRefused(estimate(good, "--exclude", "src-000,no-such-task"), "no-such-task");
  }

  @Test
  void alphaOutsideTheUnitIntervalIsRefused() {
    assertRefused(estimate(good, "--alpha", "1.5"), "--alpha");
    assertRefused(estimate(good, "--alpha", "0"), "--alpha");
  }

  @Test
  void zeroSubsetsIsRefused() {
    assertRefused(estimate(good, "--subsets", "0"), "--subsets");
  }

  @Test
  void unknownModeAndRuleAreRefused() {
    assertRefused(estimate(good, "--mode", "magic"), "magic");
    assertRefused(estimate(good, "--select", "top-k:x"), "--select");
  }

  @Test
  void badRunConfigurationExitsTwoNamingEveryProblemAndCreatesNoRunDirectory() throws Exception {
    Path d = work.resolve("run");
    new ArithmeticSources(1, 2, 0, 0, 5, 5, 5).write(d.resolve("data"));
    Files.writeString(d.resolve("data/clean-01.jsonl"), "\n  \n");
    Path config = d.resolve("run.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "out: out",
            "seed: 1",
            "sources:",
            "  - {name: clean-00, path: data/clean-00.jsonl}",
            "  - {name: clean-01, path: data/clean-01.jsonl}",
            "  - {name: copy, path: data/../data/target-train.jsonl}",
            "  - {name: outside, path: ../elsewhere.jsonl}",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {tiny: {alphabet: '0123456789+=;', hidden: 32, layers: 1, heads: 2,"
                + " context: 64, pretrainEpochs: 0}}",
            "lora: {rank: 4, alpha: 0}",
            "train: {epochs: 1, learningRate: 0.01}",
            "gradients: {dim: 8, seed: 1}",
            "estimate: {subsets: 4, alpha: 1.5}",
            "fineTune: {epochs: 1, learningRate: 0.01}",
            ""));
    Cli.Outcome o = Cli.run("run", config.toString());
    assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
    assertThat(o.stderr().lines()).hasSize(1);
    assertThat(o.stderr())
        .startsWith("error: " + config + ": ")
        .contains("sources[1] (clean-01)", "no records")
        .contains("sources[2] (copy)", "the same file as target.train")
        .contains("sources[3].path '../elsewhere.jsonl' leaves")
        .contains("lora.alpha must be > 0")
        .contains("estimate.alpha", "1.5");
    assertThat(d.resolve("out")).doesNotExist();
  }

  @Test
  void handEditedManifestWithANullTaskExitsTwoNamingTheFieldWithoutAStackTrace() throws Exception {
    Path s = copy();
    ObjectNode m = manifest(s);
    ((ArrayNode) m.path("tasks")).insertNull(0);
    writeManifest(s, m);
    Cli.Outcome o = estimate(s);
    assertRefused(o, "manifest.json: tasks", "[null, ");
    assertThat(o.stderr()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void modelWhoseSafetensorsHeaderClaimsATebibyteExitsTwoNamingTheFile() throws Exception {
    Path model = work.resolve("model");
    Files.createDirectories(model);
    Files.writeString(
        model.resolve("config.json"),
        "{\"model_type\":\"gpt2\",\"vocab_size\":8,\"n_positions\":16,\"n_embd\":8,"
            + "\"n_layer\":1,\"n_head\":2}");
    Files.writeString(
        model.resolve("tokenizer.json"),
        "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
            + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
            + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\","
            + "\"vocab\":{\"[UNK]\":0,\"hi\":1},\"unk_token\":\"[UNK]\"}}");
    ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(1L << 40).put((byte) '{').put((byte) '}');
    Files.write(model.resolve("model.safetensors"), header.array());
    Cli.Outcome o = Cli.run("model", "forward", "--model", model.toString(), "--text", "hi");
    assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
    assertThat(o.stderr())
        .contains("model.safetensors", "header length 1099511627776 bytes is outside")
        .doesNotContain("Exception", "\tat ", "OutOfMemoryError");
  }

  /** A run directory with the tiny run.yaml of {@code settings}, its data under data/. */
  private Path runConfig(String sources, String settings) throws Exception {
    Path d = work.resolve("run");
    new ArithmeticSources(1, 1, 0, 0, 5, 5, 5).write(d.resolve("data"));
    Path config = d.resolve("run.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "out: out",
            "seed: 1",
            "sources:",
            sources,
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {tiny: {alphabet: '0123456789+=;', hidden: 32, layers: 1, heads: 2,"
                + " context: 64, pretrainEpochs: 0}}",
            settings,
            ""));
    return config;
  }

  private static void assertOneLineError(Cli.Outcome o, Path config, String... named) {
    assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
    assertThat(o.stderr().lines()).as(o.stderr()).hasSize(1);
    assertThat(o.stderr()).startsWith("error: " + config).contains(named);
    assertThat(o.stderr()).doesNotContain("Exception", "\tat ");
    assertThat(config.resolveSibling("out")).doesNotExist();
  }

  @Test
  void sourceThatIsNotUtf8ExitsTwoNamingFileLineAndByte() throws Exception {
    Path config = runConfig("  - {name: clean-00, path: data/clean-00.jsonl}", "");
    Path source = config.resolveSibling("data/clean-00.jsonl");
    byte[] good = Files.readAllBytes(source);
    byte[] latin1 =
        "{\"prompt\":\"caf\u00e9=\",\"completion\":\"1\"}\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] bytes = java.util.Arrays.copyOf(good, good.length + latin1.length);
    System.arraycopy(latin1, 0, bytes, good.length, latin1.length);
    Files.write(source, bytes);
    long line = new String(good, java.nio.charset.StandardCharsets.UTF_8).lines().count() + 1;
    assertOneLineError(
        Cli.run("run", config.toString()),
        config,
        "clean-00.jsonl:" + line + ": not valid UTF-8 at byte 15 of the line");
  }

  @Test
  void wrongTypeUnknownKeyAndNegativeSizesExitTwoNamingTheField() throws Exception {
    String source = "  - {name: clean-00, path: data/clean-00.jsonl}";
    Path config = runConfig(source, "gradients: {dim: [8], seed: 1}");
    assertOneLineError(Cli.run("run", config.toString()), config, "gradients", "dim");
    config = runConfig(source, "gradients: {dim: 8, seed: 1}\ntrain: {epochs: 1, bathSize: 4}");
    assertOneLineError(Cli.run("run", config.toString()), config, "unknown key 'bathSize'");
    config = runConfig(source, "gradients: {dim: -8, seed: 1}\ntrain: {epochs: 1, batchSize: -4}");
    assertOneLineError(
        Cli.run("run", config.toString()),
        config,
        "gradients.dim must be >= 1 (got -8)",
        "train.batchSize");
  }

  private static ObjectNode manifest(Path store) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(store.resolve("manifest.json").toFile());
  }

  private static void writeManifest(Path store, ObjectNode m) throws Exception {
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(store.resolve("manifest.json").toFile(), m);
  }
}
