package dev.gradex.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version recorded in every artifact manifest (Maven project version). */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run outside a Maven build. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
