package dev.gradex.kfp.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the client authenticates: nothing, a bearer token, a service-account token file, and/or the
 * Kubeflow dashboard's session cookie (for gateways that accept only the cookie, e.g. oauth2-proxy
 * or the older authservice in front of the central dashboard).
 */
@FunctionalInterface
public interface KfpAuth {
  /**
   * Where KFP projects the pipelines service-account token into pods (the kfp SDK reads the same
   * path, overridable with KF_PIPELINES_SA_TOKEN_PATH).
   */
  Path DEFAULT_SA_TOKEN = Path.of("/var/run/secrets/kubeflow/pipelines/token");

  /** The cookie name the Kubeflow authservice issues, used when a bare value is given. */
  String DEFAULT_SESSION_COOKIE = "authservice_session";

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorization();

  /** The value of the {@code Cookie} header, if any. */
  default Optional<String> cookie() {
    return Optional.empty();
  }

  /** This authentication plus a session cookie ({@code name=value}, or a bare value). */
  default KfpAuth withSessionCookie(String cookie) {
    String header = cookieHeader(cookie);
    KfpAuth self = this;
    return new KfpAuth() {
      @Override
      public Optional<String> authorization() {
        return self.authorization();
      }

      @Override
      public Optional<String> cookie() {
        return Optional.of(header);
      }
    };
  }

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

  /** Only the session cookie, no Authorization header. */
  static KfpAuth sessionCookie(String cookie) {
    return none().withSessionCookie(cookie);
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

  /**
   * {@code name=value[; name2=value2]} as given, or {@link #DEFAULT_SESSION_COOKIE}{@code =value}
   * for a bare value (as copied from the browser's cookie store).
   */
  static String cookieHeader(String cookie) {
    if (cookie == null || cookie.isBlank()) {
      throw new IllegalArgumentException("session cookie is empty");
    }
    String c = cookie.trim();
    if (c.regionMatches(true, 0, "Cookie:", 0, 7)) {
      c = c.substring(7).trim();
    }
    if (c.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw new IllegalArgumentException("session cookie contains control characters");
    }
    return c.contains("=") ? c : DEFAULT_SESSION_COOKIE + "=" + c;
  }
}
