package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderErrorsTest {
  @TempDir Path dir;
  private Path weights;

  @BeforeEach
  void writeTinyGpt2() throws IOException {
    ReferenceFixtures.writeRandom(new Gpt2Config(50, 16, 32, 2, 4, 1e-5), dir, 3);
    weights = dir.resolve("model.safetensors");
  }

  @Test
  void missingTensorIsNamed() throws IOException {
    CheckpointEdits.edit(weights, m -> m.remove("transformer.h.1.mlp.c_fc.bias"));
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing 1 tensor(s) [transformer.h.1.mlp.c_fc.bias]");
  }

  @Test
  void unexpectedTensorIsNamedWithItsFile() throws IOException {
    CheckpointEdits.edit(
        weights,
        m ->
            m.put(
                "transformer.h.7.attn.q.weight", new SafeTensorsWriter.Tensor(new float[4], 2, 2)));
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "unexpected 1 tensor(s) [transformer.h.7.attn.q.weight (model.safetensors)]");
  }

  @Test
  void wrongShapeNamesTensorAndBothShapes() throws IOException {
    CheckpointEdits.edit(
        weights,
        m ->
            m.put(
                "transformer.wpe.weight", new SafeTensorsWriter.Tensor(new float[8 * 32], 8, 32)));
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model.safetensors")
        .hasMessageContaining("tensor 'transformer.wpe.weight' has shape [8, 32]")
        .hasMessageContaining("(16, 32)");
  }

  @Test
  void unknownArchitectureNamesConfigJson() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"rwkv\", \"vocab_size\": 50}");
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("'rwkv'");
  }

  @Test
  void safetensorsHeaderThatLiesAboutSizesNamesTheFile() throws IOException {
    byte[] bytes = Files.readAllBytes(weights);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length * 10L);
    Files.write(weights, bytes);
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(weights.toString());
  }

  @Test
  void truncatedDataSectionNamesTheTensor() throws IOException {
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside the data section");
  }

  @Test
  void directoryWithoutWeightsIsNamed() throws IOException {
    Files.delete(weights);
    assertThatThrownBy(() -> HfModels.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no *.safetensors");
  }
}
