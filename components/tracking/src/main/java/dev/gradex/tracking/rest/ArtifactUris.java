package dev.gradex.tracking.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Maps a run's artifact URI to the tracking server's artifact proxy. With {@code --serve-artifacts}
 * a run's {@code artifact_uri} is {@code mlflow-artifacts:/<exp>/<run>/artifacts} (or with an
 * authority, {@code mlflow-artifacts://host:port/...}) and its files live at {@code
 * <tracking>/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>}.
 */
public final class ArtifactUris {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts/";

  private ArtifactUris() {}

  /**
   * The proxy URL of {@code relativePath} under {@code artifactUri}.
   *
   * @throws MlflowApiException (rejected) when the run's artifacts are not served by the server
   */
  public static URI proxyUrl(URI trackingUri, String artifactUri, String relativePath)
      throws MlflowApiException {
    String base;
    if (artifactUri.startsWith("mlflow-artifacts:")) {
      String rest = artifactUri.substring("mlflow-artifacts:".length());
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2);
        rest = slash < 0 ? "" : rest.substring(slash);
      }
      base = stripSlashes(trackingUri.toString()) + PROXY + encodePath(stripSlashes(rest));
    } else if ((artifactUri.startsWith("http://") || artifactUri.startsWith("https://"))
        && artifactUri.contains(PROXY)) {
      base = stripSlashes(artifactUri);
    } else {
      throw MlflowApiException.rejected(
          "artifact URI "
              + artifactUri
              + " is not served by the tracking server; start it with --serve-artifacts");
    }
    String rel = stripSlashes(relativePath);
    return URI.create(rel.isEmpty() ? base : base + "/" + encodePath(rel));
  }

  /** Percent-encodes each segment of a slash-separated path. */
  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }

  static String stripSlashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }
}
