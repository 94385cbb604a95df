package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kubernetes control plane for one test class: etcd and kube-apiserver (built from
 * Kubernetes v1.34 by tests/setup/kube-apiserver.sh) on free loopback ports, with RBAC, token
 * authentication, ServiceAccount tokens and the default admission plugins (Pod Security among
 * them). There is no kubelet or controller manager: objects are validated, admitted and authorised,
 * never run. Register as a static field with {@code @RegisterExtension}.
 */
public final class KubeApiServer implements BeforeAllCallback, AfterAllCallback {
  private static final Duration READY = Duration.ofSeconds(120);
  private final List<KubernetesClient> clients = new ArrayList<>();
  private KubeProcesses processes;
  private KubernetesClient admin;
  private Duration startup;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    KubeBinaries binaries = KubeBinaries.cached();
    Path dir =
        Path.of("target", "kube", context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir);
    long start = System.nanoTime();
    processes = KubeProcesses.start(binaries, dir, KubeCredentials.write(dir));
    // The client reads the certificate when it is built: wait for the server to write it.
    processes.awaitCertificate(READY);
    admin = client(processes.credentials().adminToken());
    processes.awaitReady(admin, READY);
    startup = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "%s: kube-apiserver %s ready in %.1f s on %s%n",
        context.getRequiredTestClass().getSimpleName(),
        admin.getKubernetesVersion().getGitVersion(),
        startup.toMillis() / 1000.0,
        processes.url());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    if (processes != null) {
      processes.stop();
      // etcd preallocates 60 MB of write-ahead log: keep the logs, drop the data.
      deleteTree(processes.etcdData());
    }
  }

  /** A client authenticated as a member of system:masters. */
  public KubernetesClient admin() {
    return admin;
  }

  /** How long etcd and the API server took until /readyz answered ok. */
  public Duration startup() {
    return startup;
  }

  /** The API server's https URL. */
  public String url() {
    return processes.url();
  }

  /** Creates namespace {@code name} with these labels (and its "default" ServiceAccount). */
  public void namespace(String name, Map<String, String> labels) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    // No controller manager makes it: pods name it unless they name another.
    serviceAccount(name, "default");
  }

  /** Creates ServiceAccount {@code namespace/name}. */
  public void serviceAccount(String namespace, String name) {
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build())
        .create();
  }

  /**
   * A client authenticated as ServiceAccount {@code namespace/name} by a token from the
   * TokenRequest API, as a pod's projected token would be; the ServiceAccount must exist.
   */
  public KubernetesClient clientAs(String namespace, String name) {
    return client(token(namespace, name), namespace);
  }

  /** A bearer token for ServiceAccount {@code namespace/name} from the TokenRequest API. */
  public String token(String namespace, String name) {
    TokenRequest request =
        new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(name)
            .tokenRequest(request)
            .getStatus()
            .getToken();
    assertThat(token).as("TokenRequest for %s/%s", namespace, name).isNotBlank();
    return token;
  }

  /** A client of the server with this bearer token, default namespace {@code namespace}. */
  public KubernetesClient client(String token, String namespace) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(processes.url())
            .withCaCertFile(processes.caCert().toString())
            .withOauthToken(token)
            .withNamespace(namespace)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(c);
    return c;
  }

  /** TLS that trusts the API server's certificate, for plain Java HTTP clients (test proxies). */
  public javax.net.ssl.SSLContext sslContext() throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(processes.caCert())) {
      int i = 0;
      for (var cert :
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("apiserver-" + i++, cert);
      }
    }
    var tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  /** A kubeconfig file for the admin, for code that builds its own client. */
  public Path adminKubeconfig(Path file, String namespace) throws IOException {
    return KubeCredentials.kubeconfig(
        file, processes.url(), processes.caCert(), processes.credentials().adminToken(), namespace);
  }

  private KubernetesClient client(String token) {
    return client(token, "default");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
