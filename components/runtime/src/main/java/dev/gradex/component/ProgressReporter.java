package dev.gradex.component;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows phases and progress of a long step on stderr: a progress bar with rate and ETA on a
 * terminal, otherwise (CI logs, Kubernetes pods) a plain line at the start and every tenth, {@code
 * gradex: TASK n/total (rate/s, ETA m:ss)}, the rate measured since the bar started (so a resumed
 * step's ETA counts only the work left).
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
  private final LongSupplier nanoClock;
  private long startNanos;
  private long startDone;

  public ProgressReporter(PrintStream err, boolean quiet) {
    this(err, quiet, System.console() != null);
  }

  /**
   * @param terminal draw a redrawing bar (true) or print a plain line per tenth (false, for logs)
   */
  public ProgressReporter(PrintStream err, boolean quiet, boolean terminal) {
    this(err, quiet, terminal, System::nanoTime);
  }

  /** With the clock the rate and ETA are measured on (for front-ends' tests). */
  public ProgressReporter(
      PrintStream err, boolean quiet, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
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
    this.startDone = done;
    this.startNanos = nanoClock.getAsLong();
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
            .showSpeed()
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
        err.printf("gradex: %s %d/%d%s%n", task, done, total, rate());
        lastPrinted = done;
      }
    }
  }

  /** " (r/s, ETA m:ss)", or " (r/s, took m:ss)" at the end; empty before any time passed. */
  private String rate() {
    double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
    long units = done - startDone;
    if (seconds <= 0 || units <= 0) {
      return "";
    }
    double perSecond = units / seconds;
    String r =
        perSecond >= 100 ? String.format("%.0f", perSecond) : String.format("%.3g", perSecond);
    return done >= total
        ? String.format(" (%s/s, took %s)", r, clock(seconds))
        : String.format(" (%s/s, ETA %s)", r, clock((total - done) / perSecond));
  }

  /** h:mm:ss or m:ss. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
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
