package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * podman from Debian with the flags this sandbox needs (tests/setup/podman.sh), and the Jib image
 * tars the {@code images} profile builds.
 */
final class Podman {
  private final Map<String, String> setup;

  private Podman(Map<String, String> setup) {
    this.setup = setup;
  }

  /** Fails with the reason when the tar or podman is missing. */
  static Podman withImageTar(Path tar) {
    if (!Files.isRegularFile(tar)) {
      Tools.unavailable(
          tar
              + " is missing: it is built by -Pimages (./gradex-test includes it unless"
              + " --without images)");
    }
    return new Podman(Tools.setup("podman.sh"));
  }

  /** {@code podman load -i tar}, then prunes dangling images; returns the loaded image's name. */
  String load(Path tar) throws Exception {
    Tools.Result r = Tools.run(command("load", "-i", tar.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    Matcher m = Pattern.compile("Loaded image(?:\\(s\\))?: (\\S+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    // vfs keeps a full copy per layer: drop images an earlier build left untagged.
    Tools.run(command("image", "prune", "-f"));
    return m.group(1);
  }

  /**
   * Removes an image this test loaded (vfs keeps a full copy per layer: about 2 GB for a model
   * stage).
   */
  void remove(String image) throws Exception {
    Tools.run(command("rmi", image));
  }

  /**
   * {@code podman run --rm} with the restrictions every pod of the chart and the pipeline has
   * (docs/security.md): read-only root, every capability dropped, no new privileges, and /tmp
   * writable as an emptyDir is (exec allowed: DJL loads the natives it unpacks there).
   */
  List<String> runAsPod(String... args) {
    List<String> cmd = command("run", "--rm", "--read-only", "--read-only-tmpfs=false");
    cmd.addAll(List.of("--tmpfs", "/tmp:rw,exec,nosuid,nodev,mode=1777"));
    cmd.addAll(List.of("--cap-drop", "ALL", "--security-opt", "no-new-privileges"));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /** {@code podman <global flags> <args>}, with the sandbox's ulimits when the verb is run. */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(setup.get("PODMAN"));
    cmd.addAll(Arrays.asList(setup.get("PODMAN_FLAGS").trim().split("\\s+")));
    cmd.addAll(Arrays.asList(args));
    if (args.length > 0 && args[0].equals("run")) {
      cmd.addAll(List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
    }
    return cmd;
  }
}
