package dev.gradex.model.lora;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter directory whose config or weights is a symbolic link is refused, not followed. */
class AdapterLinksTest {
  @TempDir Path tmp;

  @Test
  void configLinkedFromOutside_isRefusedNamingTheLink() throws Exception {
    Path adapter = Files.createDirectories(tmp.resolve("adapter"));
    Path outside = Files.writeString(tmp.resolve("token"), "{\"peft_type\":\"LORA\"}");
    Files.createSymbolicLink(adapter.resolve(AdapterConfig.FILE), outside);

    assertThatThrownBy(() -> AdapterConfig.read(adapter))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            adapter.resolve(AdapterConfig.FILE)
                + ": is a symbolic link (to "
                + outside
                + "); an adapter directory holds regular files only");
  }

  @Test
  void weightsLinkedFromOutside_isRefused() throws Exception {
    Path adapter = Files.createDirectories(tmp.resolve("adapter"));
    new AdapterConfig(LoraConfig.defaults(Family.GPT2), "CAUSAL_LM", "base", true).write(adapter);
    Path outside = Files.writeString(tmp.resolve("weights.safetensors"), "not read");
    Files.createSymbolicLink(adapter.resolve(PeftFiles.WEIGHTS), outside);

    assertThatThrownBy(() -> PeftFiles.read(adapter))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(PeftFiles.WEIGHTS + ": is a symbolic link (to " + outside + ")");
  }
}
