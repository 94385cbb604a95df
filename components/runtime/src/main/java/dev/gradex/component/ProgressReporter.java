package dev.gradex.component;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows phases and progress of a long step on stderr: a progress bar on a terminal, plain lines
 * otherwise (CI logs, Kubernetes pods).
 */
public final class ProgressReporter implements AutoCloseable {
  private final PrintStream err;
  private final boolean quiet;
  private ProgressBar bar;

  public ProgressReporter(PrintStream err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  /** Announces a phase. */
  public void phase(String name) {
    if (!quiet) {
      closeBar();
      err.println("gradex: " + name);
    }
  }

  /** Prints a warning (always, even when quiet). */
  public void warn(String message) {
    err.println("gradex: warning: " + message);
  }

  /** Starts a bar of {@code total} units of which {@code done} are finished. */
  public void start(String task, long total, long done) {
    if (quiet) {
      return;
    }
    closeBar();
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .startsFrom(done, java.time.Duration.ZERO)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
            .setUpdateIntervalMillis(500)
            .continuousUpdate()
            .build();
  }

  /** Advances the current bar. */
  public void step(long units) {
    if (bar != null) {
      bar.stepBy(units);
    }
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void close() {
    closeBar();
  }
}
