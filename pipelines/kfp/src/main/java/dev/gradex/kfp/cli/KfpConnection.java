package dev.gradex.kfp.cli;

import dev.gradex.kfp.rest.KfpAuth;
import dev.gradex.kfp.rest.KfpClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Connection options shared by submit, schedule and runs (a picocli mixin). */
public final class KfpConnection {
  @Option(
      names = "--host",
      defaultValue = "${env:KFP_HOST}",
      description = "KFP API URL, e.g. http://ml-pipeline-ui.kubeflow (default: $KFP_HOST).")
  String host;

  @Option(
      names = "--namespace",
      defaultValue = "${env:KFP_NAMESPACE}",
      description = "Kubernetes namespace of multi-user KFP (default: $KFP_NAMESPACE).")
  String namespace;

  @Option(
      names = "--token",
      defaultValue = "${env:KFP_TOKEN}",
      description = "Bearer token (default: $KFP_TOKEN).")
  String token;

  @Option(
      names = "--token-file",
      description =
          "Service-account token file, re-read on every request (in a pod:"
              + " /var/run/secrets/kubeflow/pipelines/token, used when present and no --token).")
  Path tokenFile;

  /** Builds the client; IllegalArgumentException names the missing or bad option. */
  KfpClient client() {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host is required (or set KFP_HOST)");
    }
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--host '" + host + "' is not a URL");
    }
    return KfpClient.builder().setHost(uri).optNamespace(namespace).optAuth(auth()).build();
  }

  private KfpAuth auth() {
    if (token != null && !token.isBlank()) {
      return KfpAuth.bearer(token);
    }
    if (tokenFile != null) {
      if (!Files.isReadable(tokenFile)) {
        throw new IllegalArgumentException("--token-file " + tokenFile + " is not readable");
      }
      return KfpAuth.serviceAccountTokenFile(tokenFile);
    }
    if (Files.isReadable(KfpAuth.DEFAULT_SA_TOKEN)) {
      return KfpAuth.serviceAccountTokenFile(KfpAuth.DEFAULT_SA_TOKEN);
    }
    return KfpAuth.none();
  }
}
