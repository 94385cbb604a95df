package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.cli.GradexCli;
import dev.gradex.component.CommandLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate-subsets image that Jib built as a tar (-Pimages) is loaded into podman and run the
 * way KFP runs it (command {@code java -cp @/app/jib-classpath-file Main}, args after it, as the
 * container's CMD like kfp.local's DockerRunner: the image has no entrypoint) on a synthetic store
 * mounted read-only; its selection equals the CLI's on the same store.
 */
@Tag("images")
class EstimateImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN = "dev.gradex.estimate.EstimateSubsetsMain";

  @TempDir Path dir;

  @Test
  void imageOnSyntheticStore_writesTheSameSelectionAsTheCli() throws Exception {
    Path tar = Tools.root().resolve("components/estimate-subsets/target/jib-image.tar");
    Podman podman = Podman.withImageTar(tar);
    Path store = dir.resolve("store");
    assertThat(
            CommandLines.run(
                new GradexCli(),
                "synth-store",
                "--out",
                store.toString(),
                "--examples",
                "3000",
                "--tasks",
                "12",
                "--dim",
                "32",
                "--helpful",
                "3",
                "--seed",
                "7",
                "--quiet"))
        .isZero();
    openForOthers(store);
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    String[] knobs = {"--subsets", "200", "--seed", "3", "--threads", "2"};

    String image = podman.load(tar);
    List<String> run = podman.runAsPod();
    run.addAll(List.of("-v", store + ":/data/store:ro", "-v", out + ":/data/out"));
    run.addAll(List.of(image, "java", "-cp", "@/app/jib-classpath-file", MAIN));
    run.addAll(List.of("--store", "/data/store", "--out", "/data/out/sel"));
    run.addAll(Arrays.asList(knobs));
    Tools.Result container = Tools.run(run);
    Path cliOut = dir.resolve("cli");
    List<String> cliArgs =
        new ArrayList<>(
            List.of("estimate-subsets", "--store", store.toString(), "--out", cliOut.toString()));
    cliArgs.addAll(Arrays.asList(knobs));
    int cli = CommandLines.run(new GradexCli(), cliArgs.toArray(String[]::new));

    assertThat(container.exitCode()).as(Tools.tail(container.output())).isZero();
    assertThat(cli).isZero();
    Path sel = out.resolve("sel/selection.json");
    assertThat(JSON.readTree(sel.toFile()))
        .isEqualTo(JSON.readTree(cliOut.resolve("selection.json").toFile()));
    assertThat(Files.readString(out.resolve("sel/scores.csv")))
        .isEqualTo(Files.readString(cliOut.resolve("scores.csv")));
    assertThat(JSON.readTree(sel.toFile()).get("selected")).isNotEmpty();
    assertThat(Files.getAttribute(sel, "unix:uid"))
        .as("written by the non-root user")
        .isEqualTo(65532);
  }

  @Test
  void imageTar_runsAsNonRootWithNoEntrypointAndCarriesNoPyTorchNatives() throws Exception {
    Path tar = Tools.root().resolve("components/estimate-subsets/target/jib-image.tar");
    if (!Files.isRegularFile(tar)) {
      Tools.unavailable(
          tar + " is missing: run tests/setup/base-image.sh, then build with -Pimages");
    }
    Tools.Result config = Tools.run(List.of("tar", "xOf", tar.toString(), "config.json"));
    var c = JSON.readTree(config.output()).get("config");
    Tools.Result layers = Tools.run(List.of("tar", "tf", tar.toString()));
    List<String> files = new ArrayList<>();
    for (String layer : layers.output().lines().filter(l -> l.endsWith(".tar.gz")).toList()) {
      Tools.Result list =
          Tools.run(List.of("sh", "-c", "tar xOf \"$0\" \"$1\" | tar tz", tar.toString(), layer));
      files.addAll(list.output().lines().toList());
    }

    assertThat(c.get("User").asText()).isEqualTo("65532:65532");
    assertThat(c.path("Entrypoint").isMissingNode() || c.path("Entrypoint").isNull())
        .as("no entrypoint to swallow KFP's command")
        .isTrue();
    assertThat(c.get("Cmd").toString())
        .isEqualTo("[\"java\",\"-cp\",\"@/app/jib-classpath-file\",\"" + MAIN + "\",\"--help\"]");
    assertThat(files).contains("app/jib-classpath-file").anyMatch(f -> f.contains("/usr/lib/jvm/"));
    assertThat(files).noneMatch(f -> f.matches("(?i).*(libtorch|pytorch|djl).*"));
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
