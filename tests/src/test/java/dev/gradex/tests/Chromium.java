package dev.gradex.tests;

import dev.gradex.tests.deploy.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The headless Chromium the browser tests render pages with (tests/setup/chromium.sh installs
 * Debian's when missing).
 */
final class Chromium {
  private Chromium() {}

  /** The browser's path. */
  static String path(Path log) throws Exception {
    for (String name : List.of("chromium", "chromium-browser")) {
      Tools.Result which = Tools.run(List.of("sh", "-c", "command -v " + name), 1, log);
      if (which.exitCode() == 0 && !which.output().isBlank()) {
        return which.output().strip();
      }
    }
    return Tools.setup("chromium.sh").get("CHROMIUM");
  }

  /** A headless command line with its profile under {@code profile}, then {@code args}. */
  static List<String> command(String chromium, Path profile, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
