package dev.gradex.watch;

import dev.gradex.kfp.rest.KfpApiException;
import dev.gradex.kfp.rest.KfpAuth;
import dev.gradex.kfp.rest.KfpClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex watch}: one pass of the reselection watcher (run it from a CronJob or by hand).
 * Exit code 0 whether or not a run started; 1 on an error; 2 on a bad configuration.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Start a KFP reselection run when the digests of the configured sources changed"
            + " and no run is active. KFP auth: $KFP_TOKEN, else kfp.tokenFile.")
public final class WatchCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "watch.yaml (sources, kfp, state).")
  Path config;

  @Option(names = "--dry-run", description = "Compute and compare digests; start nothing.")
  boolean dryRun;

  @Option(
      names = "--state-file",
      description = "Keep the state in this file instead of the configured place.")
  Path stateFile;

  /** The environment variable of the KFP bearer token (as {@code gradex submit} reads it). */
  static final String KFP_TOKEN = "KFP_TOKEN";

  /** For tests: the Kubernetes client to use instead of one from the environment. */
  KubernetesClient kubernetes;

  @Override
  public Integer call() throws Exception {
    WatchConfig c;
    try {
      c = WatchConfig.load(config);
    } catch (IllegalArgumentException e) {
      System.err.println("gradex watch: " + e.getMessage());
      return 2;
    }
    KubernetesClient k8s = null;
    S3ObjectStore s3 = c.hasObjectStoreSources() ? S3ObjectStore.create(c.s3()) : null;
    try {
      StateStore store;
      if (stateFile != null || c.state().file() != null) {
        store = new FileStateStore(stateFile != null ? stateFile : Path.of(c.state().file()));
      } else {
        k8s = kubernetes != null ? kubernetes : new KubernetesClientBuilder().build();
        store = new ConfigMapStateStore(k8s, namespace(c, k8s), c.state().configMap());
      }
      Watcher watcher =
          new Watcher(
              c.sources(),
              new SourceDigests(
                  new LocalDigester(), s3 == null ? null : new ObjectStoreDigester(s3)),
              store,
              new KfpRunLauncher(kfp(c), c, Clock.systemUTC()),
              Clock.systemUTC(),
              c.incremental() == null ? null : c.incremental().policy());
      WatchOutcome outcome;
      try {
        outcome = watcher.run(dryRun);
      } catch (KfpApiException | IOException | UncheckedIOException | IllegalStateException e) {
        // KFP or the object store failed (after their retries): one line, no stack trace.
        System.err.println("gradex watch: " + e.getMessage());
        return 1;
      }
      System.out.println(outcome.summary());
      System.out.println(SourceDigests.toJson(outcome.digests()));
      return 0;
    } finally {
      if (s3 != null) {
        s3.close();
      }
      if (k8s != null && k8s != kubernetes) {
        k8s.close();
      }
    }
  }

  private static String namespace(WatchConfig c, KubernetesClient k8s) {
    if (c.state().namespace() != null) {
      return c.state().namespace();
    }
    String pod = System.getenv("POD_NAMESPACE");
    return pod != null && !pod.isBlank() ? pod : k8s.getNamespace();
  }

  private static KfpClient kfp(WatchConfig c) {
    WatchConfig.Kfp k = c.kfp();
    KfpAuth auth = KfpAuth.none();
    String token = System.getenv(KFP_TOKEN);
    if (token != null && !token.isBlank()) {
      auth = KfpAuth.bearer(token.strip());
    } else if (k.tokenFile() != null && Files.isReadable(Path.of(k.tokenFile()))) {
      auth = KfpAuth.serviceAccountTokenFile(Path.of(k.tokenFile()));
    }
    return KfpClient.builder()
        .setHost(URI.create(k.host()))
        .optNamespace(k.namespace())
        .optAuth(auth)
        .build();
  }
}
