package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** charts/gradex rendered by the real helm (tests/setup/helm.sh builds the pinned version). */
public final class Helm {
  /** The chart's full values: GPU placement, MLflow, digests, object store. */
  public static final String CI_VALUES = "charts/gradex/ci/gpu-mlflow-values.yaml";

  private static String helm;

  private Helm() {}

  /** {@code helm template RELEASE charts/gradex -n gradex EXTRA...} as typed fabric8 objects. */
  static List<HasMetadata> template(String release, String... extra) throws Exception {
    return KubeObjects.parse(yaml(release, extra));
  }

  /** The YAML {@code helm template RELEASE charts/gradex -n gradex EXTRA...} prints. */
  static String yaml(String release, String... extra) throws Exception {
    return yamlIn("gradex", release, extra);
  }

  /** The YAML {@code helm template RELEASE charts/gradex -n NAMESPACE EXTRA...} prints. */
  public static String yamlIn(String namespace, String release, String... extra) throws Exception {
    if (helm == null) {
      helm = Tools.setup("helm.sh").get("HELM");
    }
    List<String> cmd =
        new ArrayList<>(List.of(helm, "template", release, path("charts/gradex"), "-n", namespace));
    cmd.addAll(List.of(extra));
    Tools.Result r = Tools.run(cmd);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  /** A file of the repository as an absolute path. */
  public static String path(String p) {
    return Tools.root().resolve(p).toString();
  }
}
