package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the two error shapes of the KFP API server: gRPC-gateway endpoints send a google.rpc.Status
 * ({@code code}, {@code message}, {@code details}: Any messages, KFP's being a nested Status with
 * the user-facing message), the multipart upload endpoints send {@code error_message} and {@code
 * error_details}; some checks there answer plain text.
 */
final class ErrorBody {
  private ErrorBody() {}

  /** The message, then every distinct more specific text, joined by "; ". */
  static String message(JsonNode body) {
    Set<String> parts = new LinkedHashSet<>();
    add(parts, body.path("message"));
    add(parts, body.path("error_message"));
    // error_details is Go's "%+v" of the error: its message, then a stack trace.
    add(parts, body.path("error_details").asText("").lines().findFirst().orElse(""));
    for (JsonNode detail : body.path("details")) {
      add(parts, detail.path("message"));
    }
    add(parts, body.path("detail"));
    return parts.isEmpty() ? "(no error message in the response)" : String.join("; ", parts);
  }

  static int grpcCode(JsonNode body) {
    JsonNode code = body.get("code");
    return code != null && code.canConvertToInt() ? code.asInt() : -1;
  }

  private static void add(Set<String> parts, JsonNode text) {
    if (text.isTextual()) {
      add(parts, text.asText());
    }
  }

  private static void add(Set<String> parts, String text) {
    if (!text.isBlank()) {
      String t = text.trim();
      // KFP's internal message often wraps the external one; keep only the longer.
      if (parts.stream().noneMatch(p -> p.contains(t))) {
        parts.removeIf(t::contains);
        parts.add(t);
      }
    }
  }
}
