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
  void s3Settings_pathStyleDefaultsToTrueOnlyWithAnEndpoint() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: web, uri: s3://datasets/web/}]\nkfp: {host: http://kfp}\n"
            + "pipeline: gradex\nstate: {file: state.json}\n"
            + "s3: {endpoint: 'http://minio.minio:9000', anonymous: true}\n");

    WatchConfig c = WatchConfig.load(f);

    assertThat(c.hasObjectStoreSources()).isTrue();
    assertThat(c.s3().pathStyleOrDefault()).isTrue();
    assertThat(c.s3().anonymous()).isTrue();
    assertThat(new WatchConfig.S3(null, "eu-west-1").pathStyleOrDefault()).isFalse();
    assertThat(new WatchConfig.S3("http://m:9000", null, false, null).pathStyleOrDefault())
        .isFalse();
  }

  @Test
  void s3SourceWithoutS3Section_isValidForAwsS3() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: web, uri: s3://datasets/web/}]\nkfp: {host: http://kfp}\n"
            + "pipeline: gradex\nstate: {file: state.json}\n");

    assertThat(WatchConfig.load(f).s3()).isNull();
  }

  @Test
  void badConfig_namesEveryProblemAtOnce() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: a, uri: s3://b/a}, {name: a, uri: /x}]\n"
            + "s3: {endpoint: 'minio:9000'}\n"
            + "parameters: {source_digests: x}\nstate: {}\n");

    assertThatThrownBy(() -> WatchConfig.load(f))
        .hasMessageContaining("s3.endpoint 'minio:9000' is not an http(s)://host[:port] URL")
        .hasMessageContaining("'a' is not unique")
        .hasMessageContaining("kfp.host is required")
        .hasMessageContaining("pipeline")
        .hasMessageContaining("must not set source_digests")
        .hasMessageContaining("exactly one of state.configMap and state.file");
  }
}
