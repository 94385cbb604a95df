package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.watch.LocalDigester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher image (Jib tar, -Pimages) runs as the CronJob runs it: the same command, a read-only
 * root filesystem, non-root, config and data mounted read-only. A dry run with a local state file
 * needs no cluster and no KFP, and prints the digests the watcher would pass to a run.
 */
@Tag("images")
class WatchImageIT {
  @TempDir Path dir;

  @Test
  void dryRunOnAReadOnlyRoot_printsTheSourceDigests() throws Exception {
    Path tar = Tools.root().resolve("pipelines/watch/target/jib-image.tar");
    Podman podman = Podman.withImageTar(tar);
    Path data = Files.createDirectories(dir.resolve("data/sources/target"));
    Files.writeString(data.resolve("train.jsonl"), "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("watch.yaml"),
        "sources: [{name: target, uri: /data/sources/target}]\n"
            + "kfp: {host: http://ml-pipeline-ui.kubeflow}\npipeline: gradex\n"
            + "state: {file: /tmp/state.json}\n");
    for (Path p : List.of(dir, dir.resolve("data"), dir.resolve("data/sources"), data, config)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (Path f : List.of(data.resolve("train.jsonl"), config.resolve("watch.yaml"))) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    }

    String image = podman.load(tar);
    List<String> run = podman.command("run", "--rm", "--read-only", "--tmpfs", "/tmp");
    run.addAll(List.of("--network", "none"));
    run.addAll(List.of("-v", config + ":/etc/gradex:ro", "-v", dir.resolve("data") + ":/data:ro"));
    run.addAll(List.of(image, "java", "-cp", "@/app/jib-classpath-file"));
    run.addAll(List.of("dev.gradex.watch.WatchMain", "--config", "/etc/gradex/watch.yaml"));
    run.add("--dry-run");
    Tools.Result r = Tools.run(run);

    assertThat(r.exitCode()).as(Tools.tail(r.output())).isZero();
    String digest = new LocalDigester().digest(data.toString());
    assertThat(r.output())
        .contains("sources {target=added}; would start a run (dry run)")
        .contains("{\"target\":\"" + digest + "\"}");
  }
}
