package dev.gradex.kfp.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** How the client authenticates: nothing, a bearer token, or a service-account token file. */
@FunctionalInterface
public interface KfpAuth {
  /**
   * Where KFP projects the pipelines service-account token into pods (the kfp SDK reads the same
   * path, overridable with KF_PIPELINES_SA_TOKEN_PATH).
   */
  Path DEFAULT_SA_TOKEN = Path.of("/var/run/secrets/kubeflow/pipelines/token");

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorization();

  static KfpAuth none() {
    return Optional::empty;
  }

  static KfpAuth bearer(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("bearer token is empty");
    }
    String header = "Bearer " + token.trim();
    return () -> Optional.of(header);
  }

  /** Reads a Kubernetes service-account token on every request, because projected tokens rotate. */
  static KfpAuth serviceAccountTokenFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("service-account token file " + file + " is not readable");
    }
    return () -> {
      try {
        return Optional.of("Bearer " + Files.readString(file, StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        throw new UncheckedIOException("reading service-account token " + file, e);
      }
    };
  }
}
