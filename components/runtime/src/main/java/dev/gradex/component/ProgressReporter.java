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
  private final boolean terminal;
  private ProgressBar bar;
  private String task;
  private long total;
  private long done;
  private long lastPrinted;

  public ProgressReporter(PrintStream err, boolean quiet) {
    this(err, quiet, System.console() != null);
  }

  /**
   * @param terminal draw a redrawing bar (true) or print a plain line per tenth (false, for logs)
   */
  public ProgressReporter(PrintStream err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
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
    this.task = task;
    this.total = total;
    this.done = done;
    this.lastPrinted = done;
    if (!terminal) {
      err.printf("gradex: %s %d/%d%n", task, done, total);
      return;
    }
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
    } else if (!quiet && task != null) {
      done += units;
      if (done == total || (done - lastPrinted) * 10 >= total) {
        err.printf("gradex: %s %d/%d%n", task, done, total);
        lastPrinted = done;
      }
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
