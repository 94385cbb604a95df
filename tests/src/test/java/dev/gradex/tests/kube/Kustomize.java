package dev.gradex.tests.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl apply -k} would for the features k8s/ uses: {@code
 * resources} (files, and directories with their own kustomization), {@code components}, {@code
 * namespace} (on namespaced objects) and {@code labels} pairs (metadata only, as with {@code
 * includeSelectors: false}). A kustomization with any other field fails, so that a new feature is
 * never silently ignored. Objects stay untyped, so unknown fields reach the server as written.
 */
final class Kustomize {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "namespace", "labels", "resources", "components");
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

  private Kustomize() {}

  /** The objects of the kustomization in directory {@code dir}. */
  static List<GenericKubernetesResource> render(Path dir) throws IOException {
    Path file = dir.resolve("kustomization.yaml");
    JsonNode k = YAML.readTree(file.toFile());
    k.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": field " + f + " is not rendered");
              }
            });
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      out.addAll(Files.isDirectory(p) ? render(p) : KubeYaml.parse(Files.readString(p)));
    }
    for (JsonNode c : k.path("components")) {
      out.addAll(render(dir.resolve(c.asText()).normalize()));
    }
    if (k.has("namespace")) {
      String ns = k.get("namespace").asText();
      out.stream()
          .filter(o -> !CLUSTER_SCOPED.contains(o.getKind()))
          .forEach(o -> o.getMetadata().setNamespace(ns));
    }
    for (JsonNode l : k.path("labels")) {
      if (l.path("includeSelectors").asBoolean(false) || l.path("includeTemplates").asBoolean()) {
        throw new IllegalArgumentException(file + ": labels into selectors are not rendered");
      }
      Map<String, String> pairs = new LinkedHashMap<>();
      l.path("pairs").fields().forEachRemaining(e -> pairs.put(e.getKey(), e.getValue().asText()));
      for (GenericKubernetesResource o : out) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (o.getMetadata().getLabels() != null) {
          labels.putAll(o.getMetadata().getLabels());
        }
        labels.putAll(pairs);
        o.getMetadata().setLabels(labels);
      }
    }
    return out;
  }
}
