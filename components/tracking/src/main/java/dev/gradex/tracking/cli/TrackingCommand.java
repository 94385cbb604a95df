package dev.gradex.tracking.cli;

import dev.gradex.core.UriSchemes;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.buffer.Sleeper;
import dev.gradex.tracking.mlflow.Trackers;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradex tracking flush --buffer FILE|DIR --tracking-uri URI}. */
@Command(
    name = "tracking",
    description = "MLflow tracking utilities.",
    mixinStandardHelpOptions = true,
    subcommands = {TrackingCommand.Flush.class})
public final class TrackingCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Sends buffered calls; exit code 0 when everything was delivered, 1 otherwise. */
  @Command(
      name = "flush",
      description = "Send tracking calls buffered while MLflow was unreachable.",
      mixinStandardHelpOptions = true)
  public static final class Flush implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--buffer",
        required = true,
        description = "A tracking-buffer-*.jsonl file, or a directory of them.")
    Path buffer;

    @Option(
        names = "--tracking-uri",
        description = "MLflow server (default: $MLFLOW_TRACKING_URI).")
    String trackingUri;

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String uri = trackingUri != null ? trackingUri : env.get(Trackers.TRACKING_URI);
      if (uri == null || uri.isBlank()) {
        err.println("tracking flush: give --tracking-uri or set " + Trackers.TRACKING_URI);
        return 2;
      }
      var badScheme =
          UriSchemes.problem(
              trackingUri != null ? "--tracking-uri" : Trackers.TRACKING_URI,
              uri,
              UriSchemes.HTTP,
              false);
      if (badScheme.isPresent()) {
        err.println("tracking flush: " + badScheme.get());
        return 2;
      }
      List<Path> files = files(buffer);
      if (files.isEmpty()) {
        out.println("Nothing to flush in " + buffer + ".");
        return 0;
      }
      boolean complete = true;
      for (Path f : files) {
        TrackingSummary s =
            Trackers.flushBuffer(
                f, URI.create(uri), Trackers.authorization(env), RetryPolicy.DEFAULT, Sleeper.REAL);
        out.println(f.getFileName() + ": " + s.message());
        complete &= s.complete();
      }
      return complete ? 0 : 1;
    }

    private static List<Path> files(Path buffer) throws IOException {
      if (!Files.isDirectory(buffer)) {
        return Files.exists(buffer) ? List.of(buffer) : List.of();
      }
      try (Stream<Path> s = Files.list(buffer)) {
        return s.filter(p -> p.getFileName().toString().matches("tracking-buffer-.*\\.jsonl"))
            .sorted()
            .toList();
      }
    }
  }
}
