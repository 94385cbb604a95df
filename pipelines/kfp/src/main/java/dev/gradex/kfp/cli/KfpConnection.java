package dev.gradex.kfp.cli;

import dev.gradex.kfp.rest.KfpAuth;
import dev.gradex.kfp.rest.KfpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** Connection options shared by submit, schedule and runs (a picocli mixin). */
public final class KfpConnection {
  /** Where Kubernetes mounts the pod's own namespace. */
  static final Path POD_NAMESPACE_FILE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  @Option(
      names = "--host",
      defaultValue = "${env:KFP_HOST}",
      description = "KFP API URL, e.g. http://ml-pipeline-ui.kubeflow (default: $KFP_HOST).")
  String host;

  @Option(
      names = "--namespace",
      description = {
        "Kubernetes namespace of multi-user KFP (default: $KFP_NAMESPACE, else in a pod its own",
        "namespace; single-user KFP ignores it)."
      })
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

  @Option(
      names = "--session-cookie",
      defaultValue = "${env:KFP_SESSION_COOKIE}",
      description = {
        "Kubeflow dashboard session cookie, sent as the Cookie header, for gateways that accept",
        "only it: NAME=VALUE or a bare authservice_session value (default: $KFP_SESSION_COOKIE)."
      })
  String sessionCookie;

  /** Environment lookup and pod namespace file; tests replace them. */
  UnaryOperator<String> env = System::getenv;

  Path podNamespaceFile = POD_NAMESPACE_FILE;

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
    return KfpClient.builder().setHost(uri).optNamespace(namespace()).optAuth(auth()).build();
  }

  /** --namespace, else $KFP_NAMESPACE; null when neither is set. */
  String explicitNamespace() {
    if (namespace != null && !namespace.isBlank()) {
      return namespace.trim();
    }
    String fromEnv = env.apply("KFP_NAMESPACE");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : null;
  }

  /**
   * The namespace requests name: {@link #explicitNamespace()}, else the pod's own namespace (as the
   * kfp SDK in a pod of a multi-user cluster would need it), else null.
   */
  String namespace() {
    String ns = explicitNamespace();
    if (ns != null || !Files.isReadable(podNamespaceFile)) {
      return ns;
    }
    try {
      String fromPod = Files.readString(podNamespaceFile, StandardCharsets.UTF_8).trim();
      return fromPod.isEmpty() ? null : fromPod;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the pod namespace " + podNamespaceFile, e);
    }
  }

  private KfpAuth auth() {
    KfpAuth auth = bearerAuth();
    if (sessionCookie == null || sessionCookie.isBlank()) {
      return auth;
    }
    try {
      return auth.withSessionCookie(sessionCookie);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--session-cookie: " + e.getMessage());
    }
  }

  private KfpAuth bearerAuth() {
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
