package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the namespace comes from: --namespace, then $KFP_NAMESPACE, then the pod's own. */
class KfpConnectionTest {
  @TempDir Path tmp;

  private KfpConnection connection(String flag, String env, String podFile) throws Exception {
    KfpConnection c = new KfpConnection();
    c.namespace = flag;
    c.env = Map.of("KFP_NAMESPACE", env == null ? "" : env)::get;
    c.podNamespaceFile = tmp.resolve("namespace");
    if (podFile != null) {
      Files.writeString(c.podNamespaceFile, podFile);
    }
    return c;
  }

  @Test
  void flag_winsOverEnvironmentAndPod() throws Exception {
    assertThat(connection("ns-flag", "ns-env", "ns-pod").namespace()).isEqualTo("ns-flag");
  }

  @Test
  void environment_winsOverThePodsNamespace() throws Exception {
    assertThat(connection(null, "ns-env", "ns-pod").namespace()).isEqualTo("ns-env");
  }

  @Test
  void inAPod_itsNamespaceFileIsTheDefault() throws Exception {
    KfpConnection c = connection(null, null, "kubeflow-user-a\n");
    assertThat(c.namespace()).isEqualTo("kubeflow-user-a");
    assertThat(c.explicitNamespace()).isNull();
  }

  @Test
  void outsideAPodWithNothingSet_theNamespaceIsNull() throws Exception {
    assertThat(connection(null, null, null).namespace()).isNull();
    assertThat(connection(null, null, "  \n").namespace()).isNull();
  }
}
