package dev.gradex.watch;

import picocli.CommandLine;

/** Entry point of the watcher image: {@code WatchMain --config /etc/gradex/watch.yaml}. */
public final class WatchMain {
  private WatchMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new WatchCommand()).execute(args));
  }
}
