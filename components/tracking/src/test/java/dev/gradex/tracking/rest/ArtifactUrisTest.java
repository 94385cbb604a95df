package dev.gradex.tracking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ArtifactUrisTest {
  private static final URI TRACKING = URI.create("http://127.0.0.1:5000/");

  @Test
  void servedArtifactUriMapsToProxyPath() throws Exception {
    assertThat(ArtifactUris.proxyUrl(TRACKING, "mlflow-artifacts:/1/abc/artifacts", "a/b.json"))
        .isEqualTo(
            URI.create(
                "http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a/b.json"));
  }

  @Test
  void authorityInArtifactUriIsReplacedByTrackingServer() throws Exception {
    assertThat(
            ArtifactUris.proxyUrl(
                TRACKING, "mlflow-artifacts://mlflow.svc:5000/7/r/artifacts/", "/x.csv"))
        .isEqualTo(
            URI.create(
                "http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/7/r/artifacts/x.csv"));
  }

  @Test
  void pathSegmentsArePercentEncoded() throws Exception {
    assertThat(ArtifactUris.proxyUrl(TRACKING, "mlflow-artifacts:/1/r/artifacts", "my dir/ä+b"))
        .hasToString(
            "http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/my%20dir/%C3%A4%2Bb");
  }

  @Test
  void httpProxyArtifactRootIsUsedAsIs() throws Exception {
    String root = "http://h:1/api/2.0/mlflow-artifacts/artifacts/2/r/artifacts";
    assertThat(ArtifactUris.proxyUrl(TRACKING, root, "f")).hasToString(root + "/f");
  }

  @Test
  void objectStoreArtifactUriIsRejectedWithAdvice() {
    assertThatThrownBy(() -> ArtifactUris.proxyUrl(TRACKING, "s3://bucket/1/r/artifacts", "f"))
        .isInstanceOf(MlflowApiException.class)
        .hasMessage(
            "artifact URI s3://bucket/1/r/artifacts is not served by the tracking server; start"
                + " it with --serve-artifacts")
        .extracting(e -> ((MlflowApiException) e).kind())
        .isEqualTo(MlflowApiException.Kind.REJECTED);
  }

  @Test
  void statusesAreClassifiedForRetry() {
    assertThat(MlflowApiException.kindOf(503)).isEqualTo(MlflowApiException.Kind.UNREACHABLE);
    assertThat(MlflowApiException.kindOf(500)).isEqualTo(MlflowApiException.Kind.TRANSIENT);
    assertThat(MlflowApiException.kindOf(429)).isEqualTo(MlflowApiException.Kind.TRANSIENT);
    assertThat(MlflowApiException.kindOf(400)).isEqualTo(MlflowApiException.Kind.REJECTED);
    assertThat(MlflowApiException.kindOf(404)).isEqualTo(MlflowApiException.Kind.REJECTED);
  }
}
