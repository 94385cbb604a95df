package dev.gradex.tests.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod each container step of a compiled pipeline implies, as KFP 2.17 builds it: the step's
 * image, command and arguments from {@code deploymentSpec}, and from {@code platforms.kubernetes}
 * the pod's user ({@code securityContext}), its emptyDir and PVC mounts, secret environment, node
 * selector and tolerations. KFP's own additions to every step (docs/security.md, proved on KFP's
 * code by tests/kfp-backend): the RuntimeDefault seccomp profile, no privilege escalation, every
 * capability dropped. KFP's launcher init container and Argo's executor containers are KFP's, not
 * the pipeline's, and are left out.
 */
final class ComponentPods {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ComponentPods() {}

  /** Executor name to the Pod its step runs in, in namespace {@code namespace}. */
  static Map<String, Pod> of(String pipelineYaml, String namespace) throws IOException {
    List<JsonNode> docs;
    try (YAMLParser p = new YAMLFactory().createParser(pipelineYaml)) {
      docs = YAML.readValues(p, JsonNode.class).readAll();
    }
    JsonNode executors = docs.get(0).at("/deploymentSpec/executors");
    JsonNode platform = docs.get(1).at("/platforms/kubernetes/deploymentSpec/executors");
    Map<String, Pod> out = new LinkedHashMap<>();
    executors
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode c = e.getValue().path("container");
              if (!c.isMissingNode()) {
                out.put(e.getKey(), pod(e.getKey(), namespace, c, platform.path(e.getKey())));
              }
            });
    return out;
  }

  private static Pod pod(String name, String namespace, JsonNode c, JsonNode k) {
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withNewSecurityContext()
            .withRunAsUser(
                k.at("/securityContext/runAsUser").isMissingNode()
                    ? null
                    : k.at("/securityContext/runAsUser").asLong())
            .withRunAsGroup(
                k.at("/securityContext/runAsGroup").isMissingNode()
                    ? null
                    : k.at("/securityContext/runAsGroup").asLong())
            .withRunAsNonRoot(
                k.at("/securityContext/runAsNonRoot").isMissingNode()
                    ? null
                    : k.at("/securityContext/runAsNonRoot").asBoolean())
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext();
    ContainerBuilder main =
        new ContainerBuilder()
            .withName("main")
            .withImage(c.path("image").asText())
            .withCommand(texts(c.path("command")))
            .withArgs(texts(c.path("args")))
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext();
    for (JsonNode m : k.path("emptyDirMounts")) {
      String volume = m.path("volumeName").asText();
      spec.addToVolumes(
          new VolumeBuilder().withName(volume).withNewEmptyDir().endEmptyDir().build());
      main.addToVolumeMounts(mount(volume, m.path("mountPath").asText()));
    }
    for (JsonNode m : k.path("pvcMount")) {
      String claim =
          m.at("/pvcNameParameter/runtimeValue/constant").asText(m.path("constant").asText());
      String volume = "pvc-" + claim;
      spec.addToVolumes(
          new VolumeBuilder()
              .withName(volume)
              .withNewPersistentVolumeClaim()
              .withClaimName(claim)
              .endPersistentVolumeClaim()
              .build());
      main.addToVolumeMounts(mount(volume, m.path("mountPath").asText()));
    }
    for (JsonNode s : k.path("secretAsEnv")) {
      for (JsonNode kv : s.path("keyToEnv")) {
        main.addToEnv(
            new EnvVarBuilder()
                .withName(kv.path("envVar").asText())
                .withNewValueFrom()
                .withNewSecretKeyRef(
                    kv.path("secretKey").asText(),
                    s.path("secretName").asText(),
                    s.path("optional").asBoolean(false))
                .endValueFrom()
                .build());
      }
    }
    k.at("/nodeSelector/labels")
        .fields()
        .forEachRemaining(l -> spec.addToNodeSelector(l.getKey(), l.getValue().asText()));
    for (JsonNode t : k.path("tolerations")) {
      spec.addToTolerations(
          new TolerationBuilder()
              .withKey(t.path("key").asText(null))
              .withOperator(t.path("operator").asText(null))
              .withValue(t.path("value").asText(null))
              .withEffect(t.path("effect").asText(null))
              .build());
    }
    Container container = main.build();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("pipelines.kubeflow.org/v2_component", "true")
        .endMetadata()
        .withSpec(spec.withContainers(container).build())
        .build();
  }

  private static io.fabric8.kubernetes.api.model.VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
