package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.CommandLines;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.extract.ExtractGradientsCommand;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-stage images (Jib tars, -Pimages) run for real in podman, as KFP runs them (command
 * {@code java -cp @/app/jib-classpath-file Main}, args after it, given as the container's CMD the
 * way kfp.local's DockerRunner does: the images have no entrypoint), with no network, on a
 * miniature problem made here (a tiny decoder and three small sources): meta-train writes theta*,
 * then extract-gradients writes the gradient store at it, which matches the store the same program
 * writes outside the container. Their PyTorch natives come from the image (DJL offline); outputs
 * are written by the non-root user.
 */
@Tag("images")
class ModelImagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CP = "@/app/jib-classpath-file";
  private static final List<String> STAGES =
      List.of("meta-train", "extract-gradients", "fine-tune");

  @TempDir Path dir;

  @Test
  void metaTrainThenExtractGradients_inTheirImages_writeThetaAndTheStoreTheCliWrites()
      throws Exception {
    Path metaTar = tar("meta-train");
    Path extractTar = tar("extract-gradients");
    Podman podman = Podman.withImageTar(metaTar);
    Podman.withImageTar(extractTar);
    Path base = tinyBase(Files.createDirectories(dir.resolve("base")));
    Path sources = sources(Files.createDirectories(dir.resolve("sources")));
    Path out = Files.createDirectories(dir.resolve("out"));
    openForOthers(dir);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

    List<String> loaded = new ArrayList<>();
    try {
      metaTrainThenExtract(podman, metaTar, extractTar, base, sources, out, loaded);
    } finally {
      for (String image : loaded) {
        podman.remove(image);
      }
    }
  }

  private void metaTrainThenExtract(
      Podman podman,
      Path metaTar,
      Path extractTar,
      Path base,
      Path sources,
      Path out,
      List<String> loaded)
      throws Exception {
    String[] mounts = {
      "-v", sources + ":/data/sources:ro", "-v", base + ":/data/base:ro", "-v", out + ":/data/out"
    };
    loaded.add(podman.load(metaTar));
    Tools.Result meta =
        run(
            podman,
            loaded.get(0),
            mounts,
            "dev.gradex.metatrain.MetaTrainMain",
            "--sources",
            "/data/sources",
            "--base-model",
            "/data/base",
            "--adapter-out",
            "/data/out/adapter",
            "--metrics-out",
            "/data/out/meta-metrics.json",
            "--epochs",
            "1",
            "--batch-size",
            "8",
            "--lora-rank",
            "2",
            "--lora-alpha",
            "4",
            "--lora-targets",
            "c_attn",
            "--seed",
            "3");
    assertThat(meta.exitCode()).as(Tools.tail(meta.output())).isZero();
    assertThat(out.resolve("adapter/adapter_model.safetensors")).exists();
    assertThat(Files.getAttribute(out.resolve("adapter/adapter_config.json"), "unix:uid"))
        .as("written by the non-root user")
        .isEqualTo(65532);
    JsonNode metrics = JSON.readTree(out.resolve("meta-metrics.json").toFile());
    assertThat(metrics.path("validation_loss").asDouble()).isPositive().isFinite();

    String[] knobs = {"--dim", "8", "--projector-seed", "5", "--batch-size", "4"};
    List<String> extractArgs =
        new ArrayList<>(
            List.of(
                "--sources",
                "/data/sources",
                "--base-model",
                "/data/base",
                "--adapter",
                "/data/out/adapter",
                "--store-out",
                "/data/out/store"));
    extractArgs.addAll(List.of(knobs));
    loaded.add(podman.load(extractTar));
    Tools.Result extract =
        run(
            podman,
            loaded.get(1),
            mounts,
            "dev.gradex.extract.ExtractGradientsMain",
            extractArgs.toArray(String[]::new));
    assertThat(extract.exitCode()).as(Tools.tail(extract.output())).isZero();

    Path cliStore = dir.resolve("cli-store");
    List<String> cliArgs =
        new ArrayList<>(
            List.of(
                "--sources",
                sources.toString(),
                "--base-model",
                base.toString(),
                "--adapter",
                out.resolve("adapter").toString(),
                "--store-out",
                cliStore.toString()));
    cliArgs.addAll(List.of(knobs));
    assertThat(CommandLines.run(new ExtractGradientsCommand(), cliArgs.toArray(String[]::new)))
        .isZero();
    try (GradientStore image = GradientStore.open(out.resolve("store"));
        GradientStore cli = GradientStore.open(cliStore)) {
      assertThat(image.taskNames()).containsExactly("a", "b", "target");
      assertThat(image.manifest().digests()).isEqualTo(cli.manifest().digests());
      for (Split split : Split.values()) {
        assertThat(image.ids(split)).isEqualTo(cli.ids(split)).isNotEmpty();
        for (int i = 0; i < cli.size(split); i++) {
          float[] x = row(image, split, i);
          float[] y = row(cli, split, i);
          for (int k = 0; k < x.length; k++) {
            assertThat(x[k]).as("%s[%d]", cli.id(split, i), k).isCloseTo(y[k], tol(y[k]));
          }
        }
      }
    }
  }

  @Test
  void modelStageImages_runAsNonRootWithNoEntrypoint_withCpuNativesAndDjlOffline()
      throws Exception {
    for (String stage : STAGES) {
      Path tar = tar(stage);
      if (!Files.isRegularFile(tar)) {
        Tools.unavailable(tar + " is missing: run tests/setup/base-image.sh, then -Pimages");
      }
      JsonNode c =
          JSON.readTree(Tools.run(List.of("tar", "xOf", tar.toString(), "config.json")).output())
              .get("config");
      List<String> files = layerFiles(tar);

      assertThat(c.get("User").asText()).as(stage).isEqualTo("65532:65532");
      assertThat(c.path("Entrypoint").isMissingNode() || c.path("Entrypoint").isNull())
          .as(stage + ": no entrypoint to swallow KFP's command")
          .isTrue();
      assertThat(c.get("Cmd").get(2).asText()).isEqualTo(CP);
      assertThat(c.get("Cmd").get(3).asText()).startsWith("dev.gradex.");
      assertThat(c.get("Cmd").get(4).asText()).as("bare run prints help").isEqualTo("--help");
      assertThat(c.get("Env").toString())
          .contains("DJL_OFFLINE=true", "DJL_CACHE_DIR=/tmp/.djl.ai");
      assertThat(files)
          .as(stage)
          .contains("app/jib-classpath-file")
          .anyMatch(f -> f.endsWith("pytorch-native-cpu-2.7.1-linux-x86_64.jar"))
          .anyMatch(f -> f.matches(".*pytorch-jni-2\\.7\\.1-.*\\.jar"));
    }
  }

  private static Tools.Result run(
      Podman podman, String image, String[] mounts, String main, String... args) throws Exception {
    List<String> cmd = podman.runAsPod("--network", "none");
    cmd.addAll(List.of(mounts));
    cmd.addAll(List.of(image, "java", "-cp", CP, main));
    cmd.addAll(List.of(args));
    return Tools.run(cmd);
  }

  private static Path tar(String stage) {
    return Tools.root().resolve("components/" + stage + "/target/jib-image.tar");
  }

  private static List<String> layerFiles(Path tar) throws Exception {
    List<String> files = new ArrayList<>();
    Tools.Result layers = Tools.run(List.of("tar", "tf", tar.toString()));
    for (String layer : layers.output().lines().filter(l -> l.endsWith(".tar.gz")).toList()) {
      Tools.Result list =
          Tools.run(List.of("sh", "-c", "tar xOf \"$0\" \"$1\" | tar tz", tar.toString(), layer));
      files.addAll(list.output().lines().toList());
    }
    return files;
  }

  /** A one-layer character-level decoder, saved as a Hugging Face directory. */
  private static Path tinyBase(Path base) throws Exception {
    int vocab = CharTokenizerJson.write(base, "0123456789+=;");
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(vocab, 32, 16, 1, 2), Device.cpu(), 1)) {
      HfModels.save(m, base);
    }
    return base;
  }

  /** Sources a and b and the target's splits, with relative paths (the directory is mounted). */
  private static Path sources(Path d) throws Exception {
    for (String name : List.of("a", "b", "train", "validation")) {
      StringBuilder sb = new StringBuilder();
      int seed = name.hashCode() & 0xff;
      for (int i = 0; i < 12; i++) {
        int x = (seed + 7 * i) % 100;
        int y = (3 * seed + i) % 50;
        sb.append("{\"prompt\":\"").append(x).append('+').append(y);
        sb.append("=\",\"completion\":\"").append(x + y).append(";\"}\n");
      }
      Files.writeString(d.resolve(name + ".jsonl"), sb.toString());
    }
    SourceSet.write(
        d,
        new SourceSet.Splits("train.jsonl", "validation.jsonl", null),
        List.of(
            new SourceSet.Source("a", "a.jsonl", null),
            new SourceSet.Source("b", "b.jsonl", null)));
    return d;
  }

  private static float[] row(GradientStore s, Split split, int i) {
    float[] r = new float[s.dim()];
    s.readRow(split, i, r, 0);
    return r;
  }

  private static org.assertj.core.data.Offset<Float> tol(float v) {
    return org.assertj.core.data.Offset.offset(1e-5f * Math.max(1f, Math.abs(v)));
  }

  /** The container's user is not the owner: directories 755, files 644. */
  private static void openForOthers(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }
}
