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
  void typeTagOrAliasBomb_isRefusedNamingTheFile() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: a, uri: !!javax.script.ScriptEngineManager [x]}]\n"
            + "kfp: {host: http://kfp}\npipeline: gradex\nstate: {file: state.json}\n");
    assertThatThrownBy(() -> WatchConfig.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("watch config " + f + ": ")
        .hasMessageContaining("YAML tag '")
        .hasMessageContaining("javax.script.ScriptEngineManager");
    Files.writeString(f, "a: &a [x, x]\nb: &b [*a, *a]\nsources: [*b, *b]\n");
    assertThatThrownBy(() -> WatchConfig.load(f))
        .hasMessageStartingWith("watch config " + f + ": ")
        .hasMessageContaining("YAML alias *a is not allowed");
  }

  @Test
  void uriWithASchemeNotAllowedForItsSetting_isRefusedNamingSettingAndValue() throws Exception {
    Path f = dir.resolve("w.yaml");
    for (String[] bad :
        new String[][] {
          {"ftp://data/a", "http://kfp", "sources[0].uri 'ftp://data/a': scheme ftp:"},
          {"jar:file:/a.jar!/x", "http://kfp", "sources[0].uri 'jar:file:/a.jar!/x': scheme jar:"},
          {"/data/a", "gopher://kfp", "kfp.host 'gopher://kfp': scheme gopher:"},
          {"/data/a", "javascript:alert(1)", "kfp.host 'javascript:alert(1)': scheme javascript:"},
          {"/data/a", "kfp.example", "kfp.host 'kfp.example' has no scheme"},
        }) {
      Files.writeString(
          f,
          "sources: [{name: a, uri: '"
              + bad[0]
              + "'}]\nkfp: {host: '"
              + bad[1]
              + "'}\n"
              + "pipeline: gradex\nstate: {file: state.json}\n");
      assertThatThrownBy(() -> WatchConfig.load(f)).as(bad[2]).hasMessageContaining(bad[2]);
    }
    for (String ok : new String[] {"s3://b/p/", "file:/data/a", "/data/a", "data/a"}) {
      Files.writeString(
          f,
          "sources: [{name: a, uri: '"
              + ok
              + "'}]\nkfp: {host: 'https://kfp'}\n"
              + "pipeline: gradex\nstate: {file: state.json}\n");
      assertThat(WatchConfig.load(f).sources()).hasSize(1);
    }
  }

  @Test
  void kfpTokenInWatchYaml_isRefusedPointingToTheEnvironmentOrASecretFile() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        "sources: [{name: a, uri: /data/a}]\nkfp: {host: http://kfp, token: abc}\n"
            + "pipeline: gradex\nstate: {file: state.json}\n");
    assertThatThrownBy(() -> WatchConfig.load(f))
        .hasMessageContaining("kfp.token: a credential is not read from watch.yaml")
        .hasMessageContaining("KFP_TOKEN or kfp.tokenFile")
        .hasMessageNotContaining("abc");
  }

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
