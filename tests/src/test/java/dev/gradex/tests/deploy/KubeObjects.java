package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Parses multi-document YAML into fabric8 model objects. */
final class KubeObjects {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KubeObjects() {}

  /**
   * Every non-empty document as a typed fabric8 object; fails on a document whose kind fabric8's
   * model does not know or whose fields do not fit it.
   */
  static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
      for (JsonNode doc : YAML.readValues(p, JsonNode.class).readAll()) {
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String text = YAML.writeValueAsString(doc);
        Object o = Serialization.unmarshal(text);
        assertThat(o)
            .as("document of kind %s parses as a typed object", doc.path("kind").asText())
            .isInstanceOf(HasMetadata.class);
        assertThat(o.getClass().getPackageName())
            .as("kind %s is in fabric8's model (not a generic resource)", doc.path("kind"))
            .doesNotContain("GenericKubernetesResource")
            .startsWith("io.fabric8.kubernetes.api.model");
        out.add((HasMetadata) o);
      }
    }
    return out;
  }

  static String describe(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }

  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
    List<HasMetadata> found =
        objects.stream()
            .filter(o -> type.isInstance(o) && o.getMetadata().getName().equals(name))
            .toList();
    assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return (T) found.get(0);
  }

  /** "verb configmaps[/name]" for every rule of the Role, for comparison with requests. */
  static Set<String> grants(Role role) {
    Set<String> out = new TreeSet<>();
    for (PolicyRule r : role.getRules()) {
      for (String res : r.getResources()) {
        for (String verb : r.getVerbs()) {
          if (r.getResourceNames() == null || r.getResourceNames().isEmpty()) {
            out.add(verb + " " + res);
          } else {
            r.getResourceNames().forEach(n -> out.add(verb + " " + res + "/" + n));
          }
        }
      }
    }
    return out;
  }
}
