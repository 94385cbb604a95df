package dev.gradex.kfp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import dev.gradex.kfp.rest.KfpApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Parameter parsing and the error policy shared by the commands. */
final class CliSupport {
  /** Bad input (names the field). */
  static final int USAGE = 2;

  /** The KFP API or the network failed, or a followed run did not succeed. */
  static final int FAILED = 1;

  private static final ObjectMapper JSON = Json.JSON;

  private CliSupport() {}

  /**
   * Parses {@code --param key=value}: JSON values ({@code 200}, {@code [0,1]}, {@code true}) keep
   * their type, anything else is a string.
   */
  static Map<String, Object> parameters(Map<String, String> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--param name '" + k + "' is not an identifier");
          }
          out.put(k, value(v));
        });
    return out;
  }

  private static Object value(String v) {
    try {
      return JSON.readValue(v, Object.class);
    } catch (IOException e) {
      return v;
    }
  }

  /** Runs {@code body}, printing errors as {@code <command>: <message>} with an exit code. */
  static int run(String command, PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      return USAGE;
    } catch (KfpApiException | UncheckedIOException | IllegalStateException e) {
      err.println(command + ": " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(command + ": interrupted");
      return FAILED;
    } catch (Exception e) {
      err.println(command + ": " + e);
      return FAILED;
    }
  }
}
