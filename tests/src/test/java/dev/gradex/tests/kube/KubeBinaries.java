package dev.gradex.tests.kube;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gradex.tests.deploy.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The etcd and kube-apiserver binaries that tests/setup/kube-apiserver.sh caches under
 * .ci/cache/kube/. Tests never build them (12 minutes): a missing binary fails the test with the
 * command that builds it.
 *
 * @param etcd the etcd binary
 * @param apiserver the kube-apiserver binary
 */
record KubeBinaries(Path etcd, Path apiserver) {
  static final String BUILD = "bash tests/setup/kube-apiserver.sh";

  /** The cached binaries, or a failed test naming the command that makes them. */
  static KubeBinaries cached() {
    Path log = null;
    try {
      log = Files.createTempFile("gradex-kube-check", ".log");
      Tools.Result r =
          Tools.run(
              List.of(
                  "bash",
                  Tools.root().resolve("tests/setup/kube-apiserver.sh").toString(),
                  "--check"),
              1,
              log);
      if (r.exitCode() != 0) {
        fail(
            "the kube test group needs etcd and kube-apiserver: "
                + r.output().strip()
                + "; build them with `"
                + BUILD
                + "` (about 20 minutes once on 2 busy cores) or leave the group"
                + " out with ./gradex-test --without kube");
      }
      Path etcd = null;
      Path apiserver = null;
      for (String line : r.output().lines().toList()) {
        if (line.startsWith("ETCD=")) {
          etcd = Path.of(line.substring(5));
        } else if (line.startsWith("KUBE_APISERVER=")) {
          apiserver = Path.of(line.substring(15));
        }
      }
      if (etcd == null || apiserver == null) {
        fail(BUILD + " --check printed no ETCD= and KUBE_APISERVER= lines: " + r.output());
      }
      return new KubeBinaries(etcd, apiserver);
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(BUILD + " --check could not run", e);
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }
}
