package dev.gradex.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  @Test
  void nestedConfigurationFlattensToDottedKeysInOrder() {
    Map<String, Object> lora = new LinkedHashMap<>();
    lora.put("rank", 8);
    lora.put("targets", List.of("q_proj", "v_proj"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.001);
    config.put("lora", lora);
    config.put("seed", null);
    config.put("tasks", Arrays.asList("a", null));

    assertThat(Params.flatten(config))
        .containsExactly(
            entry("lr", "0.001"),
            entry("lora.rank", "8"),
            entry("lora.targets.0", "q_proj"),
            entry("lora.targets.1", "v_proj"),
            entry("seed", "null"),
            entry("tasks.0", "a"),
            entry("tasks.1", "null"));
  }
}
