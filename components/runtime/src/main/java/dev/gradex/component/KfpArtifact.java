package dev.gradex.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;

/**
 * One runtime artifact of KFP's executor input ({@code RuntimeArtifact} in KFP's pipeline_spec
 * proto, as protojson writes it), and the local path where the launcher puts its content.
 *
 * @param name the artifact's name (for inputs of the OSS backend, its MLMD id)
 * @param uri where the artifact lives remotely, or a local path under {@code kfp.local}
 * @param metadata the artifact's metadata object (a missing node if absent)
 * @param customPath the launcher's custom local path, or empty
 */
public record KfpArtifact(String name, String uri, JsonNode metadata, String customPath) {
  /** Mount point of a KFP workspace (constants.go {@code WorkspaceMountPath}). */
  static final String WORKSPACE = "/kfp-workspace";

  /** Reads an element of an {@code ArtifactList}. */
  static KfpArtifact of(JsonNode node) {
    return new KfpArtifact(
        node.path("name").asText(""),
        node.path("uri").asText(""),
        node.path("metadata"),
        node.path("customPath").asText(""));
  }

  /**
   * The local path of the artifact by the launcher's rules (launcher_v2.go {@code
   * retrieveArtifactPath}, {@code LocalPathForURI}, {@code LocalWorkspacePathForURI}): a custom
   * path wins; {@code gs://}, {@code minio://} and {@code s3://} map to {@code /gcs/}, {@code
   * /minio/} and {@code /s3/}; {@code oci://} to the Modelcar's {@code /oci/<uri with _ for
   * />/models}; an artifact flagged {@code _kfp_workspace} lives under {@code
   * /kfp-workspace/.artifacts}. A plain absolute path, which is what {@code kfp.local} gives, is
   * used as is.
   */
  public Path localPath() {
    if (!customPath.isEmpty()) {
      return Path.of(customPath);
    }
    String local = mounted(uri);
    if (local == null) {
      if (uri.startsWith("/")) {
        return Path.of(uri);
      }
      throw new InvalidInputException(
          KfpExecutorInput.OPTION, "artifact '" + name + "' has uri '" + uri + "' with no mount");
    }
    if (metadata.path("_kfp_workspace").asBoolean(false) && !uri.startsWith("oci://")) {
      return Path.of(WORKSPACE, ".artifacts", local.substring(1));
    }
    return Path.of(local);
  }

  private static String mounted(String uri) {
    String[][] prefixes = {{"gs://", "/gcs/"}, {"minio://", "/minio/"}, {"s3://", "/s3/"}};
    for (String[] p : prefixes) {
      if (uri.startsWith(p[0])) {
        return p[1] + uri.substring(p[0].length());
      }
    }
    if (uri.startsWith("oci://")) {
      return "/oci/" + uri.substring("oci://".length()).replace('/', '_') + "/models";
    }
    return null;
  }
}
