package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchConfigTest {
  @TempDir Path dir;

  @Test
  void validConfig_loadsWithDefaults() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: a, uri: /data/a}]\nkfp: {host: http://kfp}\npipeline: gradex\n"
            + "state: {file: state.json}\n");

    WatchConfig c = WatchConfig.load(f);

    assertThat(c.experiment()).isEqualTo("gradex-reselection");
    assertThat(c.sources()).containsExactly(new SourceSpec("a", "/data/a"));
    assertThat(c.parameters()).isEmpty();
  }

  @Test
  void badConfig_namesEveryProblemAtOnce() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: a, uri: s3://b/a}, {name: a, uri: /x}]\n"
            + "parameters: {source_digests: x}\nstate: {}\n");

    assertThatThrownBy(() -> WatchConfig.load(f))
        .hasMessageContaining("s3.endpoint is not set")
        .hasMessageContaining("'a' is not unique")
        .hasMessageContaining("kfp.host is required")
        .hasMessageContaining("pipeline")
        .hasMessageContaining("must not set source_digests")
        .hasMessageContaining("exactly one of state.configMap and state.file");
  }
}
