package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-document YAML as untyped objects (every field kept, so that a misspelt one reaches the
 * server), and server-side apply with strict field validation: a dry run (dryRun=All) first, then
 * for real.
 */
final class KubeYaml {
  static final String FIELD_MANAGER = "gradex-tests";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KubeYaml() {}

  static List<GenericKubernetesResource> parse(String yaml) throws IOException {
    List<GenericKubernetesResource> out = new ArrayList<>();
    try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
      for (JsonNode doc : YAML.readValues(p, JsonNode.class).readAll()) {
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          out.add(YAML.treeToValue(doc, GenericKubernetesResource.class));
        }
      }
    }
    return out;
  }

  /** "Kind/name" for messages. */
  static String describe(GenericKubernetesResource o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }

  /** Server-side apply with strict field validation, as a dry run or for real. */
  static GenericKubernetesResource apply(
      KubernetesClient client, GenericKubernetesResource o, boolean dryRun) {
    return client
        .resource(o)
        .dryRun(dryRun)
        .fieldValidation(FieldValidateable.Validation.STRICT)
        .fieldManager(FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Each object in order: a strict dry run that the server answers with the object and does not
   * store, then the real apply, read back.
   */
  static void dryRunThenApply(KubernetesClient client, List<GenericKubernetesResource> objects) {
    for (GenericKubernetesResource o : objects) {
      boolean existed = client.resource(o).get() != null;
      GenericKubernetesResource dry = apply(client, o, true);
      assertThat(dry.getMetadata().getName()).as(describe(o)).isEqualTo(o.getMetadata().getName());
      if (!existed) {
        assertThat(client.resource(o).get()).as("%s after the dry run", describe(o)).isNull();
      }
      GenericKubernetesResource applied = apply(client, o, false);
      assertThat(applied.getMetadata().getUid()).as(describe(o)).isNotBlank();
      assertThat(client.resource(o).get()).as("%s read back", describe(o)).isNotNull();
    }
  }
}
