package dev.gradex.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which URI schemes a setting accepts. Every URI a user gives is checked against its setting's list
 * before use, so {@code ftp:}, {@code jar:}, {@code gopher:} or {@code javascript:} never reach a
 * client that might honour them; the problem names the setting and the value.
 */
public final class UriSchemes {
  /** http and https: MLflow, KFP, S3 endpoints. */
  public static final Set<String> HTTP = Set.of("http", "https");

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private UriSchemes() {}

  /**
   * The problem with {@code value} as {@code setting}, if any.
   *
   * @param allowed the schemes accepted (lower case)
   * @param plainPath whether a value without a scheme (a local path) is accepted
   */
  public static Optional<String> problem(
      String setting, String value, Set<String> allowed, boolean plainPath) {
    Matcher m = SCHEME.matcher(value == null ? "" : value.strip());
    String expected = String.join(", ", new TreeSet<>(allowed)) + (plainPath ? " or a path" : "");
    if (!m.find()) {
      return plainPath
          ? Optional.empty()
          : Optional.of(setting + " '" + value + "' has no scheme; expected " + expected);
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!allowed.contains(scheme)) {
      return Optional.of(
          setting
              + " '"
              + value
              + "': scheme "
              + scheme
              + ": is not allowed; expected "
              + expected);
    }
    return Optional.empty();
  }

  /** As {@link #problem}, thrown as an {@link IllegalArgumentException}. */
  public static void require(String setting, String value, Set<String> allowed, boolean plainPath) {
    problem(setting, value, allowed, plainPath)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
  }
}
