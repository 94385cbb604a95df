package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.cli.GradexCli;
import dev.gradex.watch.IncrementalPolicy;
import dev.gradex.watch.WatchConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * charts/gradex with the real helm (built by tests/setup/helm.sh): lint and template with default
 * and with GPU/MLflow values; every rendered object parses with fabric8's model; key fields follow
 * the values. A real API server accepts them with strict validation ({@code
 * dev.gradex.tests.kube.KubeManifestsIT}).
 */
@Tag("helm")
class ChartIT {
  private static String helm;
  private static final String CI_VALUES = "charts/gradex/ci/gpu-mlflow-values.yaml";

  @TempDir Path dir;

  @BeforeAll
  static void helm() {
    helm = Tools.setup("helm.sh").get("HELM");
  }

  @Test
  void helmLint_passesWithDefaultAndGpuMlflowValues() throws Exception {
    Tools.Result plain = helm("lint", "--strict", chart());
    Tools.Result ci = helm("lint", "--strict", chart(), "-f", root(CI_VALUES));

    assertThat(plain.exitCode()).as(plain.output()).isZero();
    assertThat(ci.exitCode()).as(ci.output()).isZero();
    assertThat(ci.output()).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void defaultValues_renderTypedObjectsThatFollowTheValues() throws Exception {
    List<HasMetadata> objects = template("default");

    assertThat(objects)
        .extracting(KubeObjects::describe)
        .containsExactlyInAnyOrder(
            "ServiceAccount/gradex-watcher",
            "Role/gradex-watcher",
            "RoleBinding/gradex-watcher",
            "PersistentVolumeClaim/gradex-data",
            "ConfigMap/gradex-watch-config",
            "ConfigMap/gradex-pipeline-options",
            "CronJob/gradex-watch");
    CronJob cj = KubeObjects.only(objects, CronJob.class, "gradex-watch");
    assertThat(cj.getSpec().getSchedule()).isEqualTo("*/15 * * * *");
    assertThat(cj.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var pod = cj.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/gradex/gradex-watch:0.1.0");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    WatchConfig watch = watchConfig(objects);
    assertThat(watch.sources()).extracting(s -> s.name()).containsExactly("target", "auxiliary");
    assertThat(watch.state().configMap()).isEqualTo("gradex-watch-state");
  }

  @Test
  void gpuMlflowValues_setImagesScheduleSelectorsTolerationsAndMlflow() throws Exception {
    List<HasMetadata> objects = template("ci", "-f", root(CI_VALUES));

    var pod =
        KubeObjects.only(objects, CronJob.class, "gradex-watch")
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(KubeObjects.only(objects, CronJob.class, "gradex-watch").getSpec().getSchedule())
        .isEqualTo("0 */6 * * *");
    assertThat(pod.getContainers().get(0).getImage())
        .isEqualTo("registry.example.com/ml/gradex-watch@sha256:" + "1".repeat(64));
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getKey() + t.getValue() + t.getEffect())
                    .isEqualTo("dedicatedmlNoSchedule"));
    assertThat(pod.getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName())
        .isEqualTo("gradex-s3");
    Map<String, String> options =
        KubeObjects.only(objects, ConfigMap.class, "gradex-pipeline-options").getData();
    assertThat(options.get("gpuNodeSelector"))
        .isEqualTo("{\"cloud.google.com/gke-accelerator\":\"nvidia-l4\"}");
    assertThat(options.get("gpuTolerations")).contains("\"key\":\"nvidia.com/gpu\"");
    assertThat(options.get("images"))
        .contains("estimate-subsets: registry.example.com/ml/gradex-estimate-subsets:1.2.3");
    assertThat(options.get("mlflowTrackingUri"))
        .isEqualTo("http://gradex-mlflow.gradex.svc.cluster.local:5000");
    Job publish = KubeObjects.only(objects, Job.class, "gradex-publish-pipeline");
    assertThat(
            String.join(
                " ", publish.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()))
        .contains("--gpu-node-selector \"cloud.google.com/gke-accelerator=nvidia-l4\"")
        .contains("--cache-pvc \"gradex-cache\"")
        .contains("--image-digest \"meta-train=sha256:" + "2".repeat(64) + "\"")
        .doesNotContain("estimate-subsets=")
        .contains("--registry \"registry.example.com/ml\" --tag \"1.2.3\"");
    assertThat(
            KubeObjects.only(objects, Deployment.class, "gradex-mlflow")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://minio.minio:9000"));
    WatchConfig watch = watchConfig(objects);
    assertThat(watch.s3().endpoint()).isEqualTo("http://minio.minio:9000");
    assertThat(watch.kfp().namespace()).isEqualTo("team-a");
    assertThat(watch.parameters()).containsEntry("estimate_subsets", 2000);
    assertThat(watch.incremental().policy())
        .isEqualTo(new IncrementalPolicy("/cache/gradex", Duration.ofDays(7), 0.2));
  }

  /**
   * The publish Job's compile-pipeline command, run as rendered (shell words), puts the chart's GPU
   * node selector and tolerations on every GPU step and no CPU step, mounts the cache PVC, and pins
   * the image that has a digest, and gives every step the object store's secret and endpoint.
   */
  @Test
  void publishJob_compilesGpuPlacementCachePvcAndDigestsIntoThePipeline() throws Exception {
    Job publish =
        KubeObjects.only(
            template("ci", "-f", root(CI_VALUES)), Job.class, "gradex-publish-pipeline");
    String script =
        String.join(
            " ", publish.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    List<String> words = shellWords(script.substring(0, script.indexOf("&&")));
    List<String> args =
        new ArrayList<>(words.subList(words.indexOf("compile-pipeline"), words.size()));
    Path out = dir.resolve("pipeline.yaml");
    args.set(args.indexOf("--out") + 1, out.toString());

    int code = dev.gradex.component.CommandLines.run(new GradexCli(), args.toArray(String[]::new));

    assertThat(code).as(String.join(" ", args)).isZero();
    List<Object> docs = new ArrayList<>();
    new ObjectMapper(new YAMLFactory())
        .readerFor(Map.class)
        .readValues(out.toFile())
        .forEachRemaining(docs::add);
    Map<?, ?> execs =
        (Map<?, ?>) at(docs.get(1), "platforms", "kubernetes", "deploymentSpec", "executors");
    for (String exec : List.of("exec-meta-train", "exec-extract-gradients", "exec-fine-tune")) {
      assertThat(String.valueOf(at(execs, exec, "tolerations")))
          .as(exec)
          .contains("key=nvidia.com/gpu", "key=dedicated", "value=gpu-pool");
      assertThat(at(execs, exec, "nodeSelector", "labels"))
          .isEqualTo(Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"));
    }
    for (String exec : List.of("exec-merge-stores", "exec-estimate-subsets", "exec-promote")) {
      assertThat(at(execs, exec, "tolerations")).as(exec).isNull();
    }
    assertThat(String.valueOf(at(execs, "exec-merge-stores", "pvcMount"))).contains("gradex-cache");
    for (String exec :
        List.of(
            "exec-meta-train",
            "exec-extract-gradients",
            "exec-merge-stores",
            "exec-estimate-subsets",
            "exec-fine-tune",
            "exec-promote")) {
      assertThat(String.valueOf(at(execs, exec, "secretAsEnv")))
          .as(exec)
          .contains("secretName=mlpipeline-minio-artifact")
          .contains("secretKey=accesskey", "envVar=AWS_ACCESS_KEY_ID")
          .contains("secretKey=secretkey", "envVar=AWS_SECRET_ACCESS_KEY");
    }
    String yaml = Files.readString(out);
    assertThat(yaml.split("value: http://minio-service.kubeflow:9000", -1))
        .as("the endpoint reaches the six container executors")
        .hasSize(7);
    assertThat(yaml)
        .contains("image: registry.example.com/ml/gradex-meta-train@sha256:" + "2".repeat(64))
        .contains("image: registry.example.com/ml/gradex-estimate-subsets:1.2.3");
  }

  /** Splits a shell command line into words: double quotes with backslash escapes, spaces. */
  static List<String> shellWords(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  private static Object at(Object doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = node instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return node;
  }

  @Test
  void chartRole_equalsTheManifestsRole() throws Exception {
    Role chart = KubeObjects.only(template("rbac"), Role.class, "gradex-watcher");
    Role base =
        KubeObjects.only(ManifestsIT.kustomization("k8s/base"), Role.class, "gradex-watcher");

    assertThat(KubeObjects.grants(chart))
        .isEqualTo(KubeObjects.grants(base))
        .containsExactlyInAnyOrder(
            "get configmaps/gradex-watch-state",
            "update configmaps/gradex-watch-state",
            "create configmaps");
  }

  private List<HasMetadata> template(String release, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("template", release, chart(), "-n", "gradex"));
    args.addAll(List.of(extra));
    Tools.Result r = helm(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return KubeObjects.parse(r.output());
  }

  /** The rendered watch.yaml is a valid watcher configuration. */
  private WatchConfig watchConfig(List<HasMetadata> objects) throws Exception {
    ConfigMap cm = KubeObjects.only(objects, ConfigMap.class, "gradex-watch-config");
    Path f = Files.writeString(dir.resolve("watch.yaml"), cm.getData().get("watch.yaml"));
    return WatchConfig.load(f);
  }

  private static Tools.Result helm(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(helm));
    cmd.addAll(List.of(args));
    return Tools.run(cmd);
  }

  private static String chart() {
    return root("charts/gradex");
  }

  private static String root(String p) {
    return Tools.root().resolve(p).toString();
  }
}
