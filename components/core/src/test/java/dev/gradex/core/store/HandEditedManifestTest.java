package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.projection.RademacherProjector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests edited by hand into shapes the writer never produces (nulls in lists, an empty layout)
 * and stores built with another projector: each is refused naming {@code manifest.json} and the
 * field, never with a NullPointerException (findings of {@link StoreManifestFuzzTest}'s seeds).
 */
class HandEditedManifestTest {
  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void writeStore() {
    dir = tmp.resolve("store");
    Fixtures.write(dir);
  }

  private AbstractThrowableAssert<?, ?> refused(String subject) {
    return assertThatThrownBy(() -> GradientStore.open(dir).close())
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).subject()).isEqualTo(subject));
  }

  @Test
  void nullTaskIsRefusedNamingTheTasks() throws IOException {
    Fixtures.replaceInManifest(dir, "\"tasks\" : [ {", "\"tasks\" : [ null, {");
    refused("manifest.json: tasks")
        .hasMessage(
            "manifest.json: tasks: task names must be non-empty and unique: "
                + "[null, target, aux1, aux2]");
  }

  @Test
  void nullLayoutBlockIsRefusedNamingTheBlocks() throws IOException {
    Fixtures.replaceInManifest(dir, "\"blocks\" : [ {", "\"blocks\" : [ null, {");
    refused("manifest.json: parameterLayout: blocks")
        .hasMessage("manifest.json: parameterLayout: blocks: block [0] is null");
  }

  @Test
  void emptyLayoutIsRefusedNamingTheManifest() throws IOException {
    Path file = dir.resolve(StoreManifest.FILE);
    ObjectNode m = (ObjectNode) Json.JSON.readTree(file.toFile());
    ((ObjectNode) m.get("parameterLayout")).putArray("blocks");
    Json.PRETTY.writeValue(file.toFile(), m);
    refused("manifest.json: parameterLayout: blocks").hasMessageContaining("at least one block");
  }

  @Test
  void extendingWithAStoreOfAnotherProjectorIsRefusedNamingTheProjector() {
    Path prev = tmp.resolve("store");
    Path shard = tmp.resolve("other-projector");
    try (GradientStoreWriter w =
        Fixtures.builder(shard)
            .setTasks(List.of("aux3"))
            .optTargetTask(null)
            .setProjector(RademacherProjector.KIND, 43)
            .build()) {
      w.append(Split.TRAIN, "aux3", "n1", 0, 1, Fixtures.row(Split.TRAIN, 1));
      w.commit();
    }
    assertThatThrownBy(() -> StoreExtender.extend(prev, List.of(shard), tmp.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("projector");
  }
}
