package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.cli.GradexCli;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege as deployed (docs/security.md, issue 18): every pod the chart renders (real helm)
 * and every pod of k8s/ runs non-root with the image's uid, a read-only root, no privilege
 * escalation, no capabilities and an emptyDir at /tmp, and passes Pod Security Admission at
 * restricted by Kubernetes' own library; pods that never call the Kubernetes API get no token; the
 * pipeline the chart publishes runs every step as the image user with a /tmp emptyDir; the chart's
 * Role grants exactly the requests the watcher sends to a mock API server.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("helm")
class LeastPrivilegeIT {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;

  @Test
  void chart_everyPodWithDefaultAndFullValues_isNonRootReadOnlyAndUnprivileged() throws Exception {
    Map<String, PodSpec> defaults = PodSecurity.podTemplates(Helm.template("default"));
    Map<String, PodSpec> full =
        PodSecurity.podTemplates(Helm.template("ci", "-f", Helm.path(Helm.CI_VALUES)));

    assertThat(defaults)
        .containsOnlyKeys("CronJob/gradex-watch spec.jobTemplate.spec.template.spec");
    assertThat(full)
        .containsOnlyKeys(
            "CronJob/gradex-watch spec.jobTemplate.spec.template.spec",
            "Job/gradex-publish-pipeline spec.template.spec",
            "Deployment/gradex-mlflow spec.template.spec",
            "StatefulSet/gradex-mlflow-postgres spec.template.spec");
    assertThat(violations(defaults)).isEmpty();
    assertThat(violations(full)).isEmpty();
    assertThat(tokenMounted(full))
        .containsExactly("CronJob/gradex-watch spec.jobTemplate.spec.template.spec");
  }

  @Test
  void manifests_everyPodOfBaseAndMlflow_isNonRootReadOnlyAndUnprivileged() throws Exception {
    List<HasMetadata> objects = new ArrayList<>(ManifestsIT.kustomization("k8s/base"));
    objects.addAll(ManifestsIT.kustomization("k8s/mlflow"));
    Map<String, PodSpec> pods = PodSecurity.podTemplates(objects);

    assertThat(pods)
        .containsOnlyKeys(
            "CronJob/gradex-watch spec.jobTemplate.spec.template.spec",
            "Deployment/gradex-mlflow spec.template.spec",
            "StatefulSet/gradex-mlflow-postgres spec.template.spec");
    assertThat(violations(pods)).isEmpty();
    assertThat(tokenMounted(pods))
        .containsExactly("CronJob/gradex-watch spec.jobTemplate.spec.template.spec");
  }

  /**
   * Kubernetes' own Pod Security Admission library (tests/setup/psa.sh) admits every pod of the
   * chart and of k8s/ at level {@code restricted}, the level k8s/base's namespace enforces; the
   * publish Job as the chart rendered it before this change is refused.
   */
  @Test
  void podSecurityAdmission_restrictedAdmitsEveryPod_andRefusedTheOldPublishJob() throws Exception {
    String psa = Tools.setup("psa.sh").get("PSA_CHECK");
    Path chart = dir.resolve("chart.yaml");
    java.nio.file.Files.writeString(
        chart, Helm.yaml("ci", "-f", Helm.path(Helm.CI_VALUES)) + "\n---\n" + Helm.yaml("default"));
    List<String> cmd = new ArrayList<>(List.of(psa, "restricted", chart.toString()));
    for (String f :
        List.of("k8s/base/cronjob.yaml", "k8s/mlflow/mlflow.yaml", "k8s/mlflow/postgres.yaml")) {
      cmd.add(Helm.path(f));
    }
    Path old =
        java.nio.file.Files.writeString(
            dir.resolve("old-publish.yaml"),
            String.join(
                "\n",
                "apiVersion: batch/v1",
                "kind: Job",
                "metadata: {name: gradex-publish-pipeline}",
                "spec:",
                "  template:",
                "    spec:",
                "      restartPolicy: Never",
                "      securityContext: {runAsNonRoot: true, runAsUser: 65532}",
                "      containers:",
                "        - name: publish",
                "          image: ghcr.io/gradex/gradex-cli:0.1.0",
                "          volumeMounts: [{name: tmp, mountPath: /tmp}]",
                "      volumes: [{name: tmp, emptyDir: {}}]"));

    Tools.Result all = Tools.run(cmd);
    Tools.Result before = Tools.run(List.of(psa, "restricted", old.toString()));

    assertThat(all.exitCode()).as(all.output()).isZero();
    assertThat(all.output().lines())
        .containsExactlyInAnyOrder(
            "allowed Deployment/gradex-mlflow",
            "allowed StatefulSet/gradex-mlflow-postgres",
            "allowed CronJob/gradex-watch",
            "allowed Job/gradex-publish-pipeline",
            "allowed CronJob/gradex-watch",
            "allowed CronJob/gradex-watch",
            "allowed Deployment/gradex-mlflow",
            "allowed StatefulSet/gradex-mlflow-postgres");
    assertThat(before.exitCode()).as(before.output()).isEqualTo(1);
    assertThat(before.output())
        .startsWith("forbidden Job/gradex-publish-pipeline: ")
        .contains("allowPrivilegeEscalation != false")
        .contains("unrestricted capabilities")
        .contains("seccompProfile");
  }

  @Test
  void baseNamespace_enforcesRestrictedPodSecurity() throws Exception {
    var ns =
        KubeObjects.only(
            ManifestsIT.kustomization("k8s/base"),
            io.fabric8.kubernetes.api.model.Namespace.class,
            "gradex");

    assertThat(ns.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/enforce-version", "latest");
  }

  /** The check itself: the chart's publish Job as it was before this change fails it, by field. */
  @Test
  void podSecurity_onThePublishJobAsItWas_namesEveryMissingField() {
    PodSpec before =
        new PodSpecBuilder()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(65532L)
            .endSecurityContext()
            .addNewContainer()
            .withName("publish")
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .build();

    assertThat(PodSecurity.violations("Job/p spec", before, PodSecurity.GRADEX_UID))
        .containsExactly(
            "Job/p spec.securityContext.runAsGroup is null, want 65532",
            "Job/p spec.securityContext.seccompProfile.type is null, want RuntimeDefault",
            "Job/p spec.containers[publish].securityContext is missing");
    before
        .getContainers()
        .get(0)
        .setSecurityContext(new io.fabric8.kubernetes.api.model.SecurityContext());
    before.getVolumes().get(0).setEmptyDir(null);
    assertThat(PodSecurity.violations("Job/p spec", before, PodSecurity.GRADEX_UID))
        .contains(
            "Job/p spec.containers[publish].securityContext.readOnlyRootFilesystem is null,"
                + " want true",
            "Job/p spec.containers[publish].securityContext.allowPrivilegeEscalation is null,"
                + " want false",
            "Job/p spec.containers[publish].securityContext.capabilities.drop is null, want [ALL]",
            "Job/p spec.containers[publish].volumeMounts[tmp] at /tmp is not an emptyDir");
  }

  /**
   * The publish Job's compile-pipeline command, run as the chart renders it: every container step
   * of the pipeline it uploads carries what KFP 2.17's KubernetesExecutorConfig can carry.
   */
  @Test
  void publishedPipeline_everyStepRunsAsTheImageUserWithATmpEmptyDir() throws Exception {
    Job publish =
        KubeObjects.only(
            Helm.template("ci", "-f", Helm.path(Helm.CI_VALUES)),
            Job.class,
            "gradex-publish-pipeline");
    String script =
        String.join(
            " ", publish.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    List<String> words = ChartIT.shellWords(script.substring(0, script.indexOf("&&")));
    List<String> args =
        new ArrayList<>(words.subList(words.indexOf("compile-pipeline"), words.size()));
    Path out = dir.resolve("pipeline.yaml");
    args.set(args.indexOf("--out") + 1, out.toString());

    int code = dev.gradex.component.CommandLines.run(new GradexCli(), args.toArray(String[]::new));

    assertThat(code).as(String.join(" ", args)).isZero();
    List<Map<?, ?>> docs = new ArrayList<>();
    new ObjectMapper(new YAMLFactory())
        .readerFor(Map.class)
        .<Map<?, ?>>readValues(out.toFile())
        .forEachRemaining(docs::add);
    Map<?, ?> execs =
        (Map<?, ?>) at(docs.get(1), "platforms", "kubernetes", "deploymentSpec", "executors");
    Map<?, ?> containers = (Map<?, ?>) at(docs.get(0), "deploymentSpec", "executors");
    Set<String> steps = new TreeSet<>();
    containers.forEach(
        (name, exec) -> {
          if (at(exec, "container") != null) {
            steps.add((String) name);
          }
        });
    assertThat(steps).hasSize(6);
    for (String exec : steps) {
      assertThat(at(execs, exec, "securityContext"))
          .as("%s platforms.kubernetes securityContext", exec)
          .isEqualTo(Map.of("runAsUser", 65532, "runAsGroup", 65532, "runAsNonRoot", true));
      assertThat(at(execs, exec, "emptyDirMounts"))
          .as("%s platforms.kubernetes emptyDirMounts", exec)
          .isEqualTo(List.of(Map.of("volumeName", "gradex-tmp", "mountPath", "/tmp")));
    }
  }

  /**
   * RBAC: the chart's Role (state ConfigMap renamed by a value) against the requests the watcher
   * sends through its first run, an unchanged run and a changed run. A grant the watcher never uses
   * and a request the Role does not grant both fail, each listed.
   */
  @Test
  void chartRole_grantsExactlyTheRequestsTheWatcherSends() throws Exception {
    Role role =
        KubeObjects.only(
            Helm.template("rbac", "--set", "watcher.stateConfigMap=team-a-state"),
            Role.class,
            "gradex-watcher");

    Set<String> used = WatcherRequests.verbsUsed(client, server, "gradex", "team-a-state", dir);
    Set<String> granted = KubeObjects.grants(role);

    assertThat(unused(granted, used)).as("granted but never sent by the watcher").isEmpty();
    assertThat(unused(used, granted)).as("sent by the watcher but not granted").isEmpty();
    assertThat(granted)
        .containsExactlyInAnyOrder(
            "get configmaps/team-a-state", "update configmaps/team-a-state", "create configmaps");
    role.getRules()
        .add(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("list")
                .build());
    assertThat(unused(KubeObjects.grants(role), used)).containsExactly("list configmaps");
  }

  private static Set<String> unused(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static List<String> violations(Map<String, PodSpec> pods) {
    List<String> out = new ArrayList<>();
    pods.forEach(
        (at, pod) -> {
          boolean postgres =
              pod.getContainers().stream().anyMatch(c -> c.getImage().startsWith("postgres:"));
          long uid = postgres ? PodSecurity.POSTGRES_UID : PodSecurity.GRADEX_UID;
          out.addAll(PodSecurity.violations(at, pod, uid));
        });
    return out;
  }

  /** Pods that get a Kubernetes API token (only the watcher calls the API). */
  private static List<String> tokenMounted(Map<String, PodSpec> pods) {
    return pods.entrySet().stream()
        .filter(e -> !Boolean.FALSE.equals(e.getValue().getAutomountServiceAccountToken()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Object at(Object doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = node instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return node;
  }
}
