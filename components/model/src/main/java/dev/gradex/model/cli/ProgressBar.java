package dev.gradex.model.cli;

import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.gradients.ExtractionListener;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line terminal progress bar for training (step, loss, learning rate, tokens/s; a line per
 * epoch with the validation loss) and gradient extraction (examples, examples/s). Front-ends hand
 * it to {@code Trainer} or {@code GradientExtractor} as their listener; it writes to {@code err}.
 */
public final class ProgressBar implements TrainingListener, ExtractionListener {
  private static final int WIDTH = 30;
  private final PrintWriter err;

  public ProgressBar(PrintWriter err) {
    this.err = err;
  }

  static String bar(double fraction) {
    int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
    return "[" + "#".repeat(full) + " ".repeat(WIDTH - full) + "]";
  }

  @Override
  public void step(
      long step, long total, int epoch, double loss, double lr, double gradNorm, double tps) {
    err.printf(
        Locale.ROOT,
        "\r%s %d/%d epoch %d loss %.4f lr %.2e %.0f tok/s",
        bar((double) step / total),
        step,
        total,
        epoch + 1,
        loss,
        lr,
        tps);
    err.flush();
  }

  @Override
  public void epoch(int epoch, double trainLoss, EvalResult val, boolean best) {
    err.printf(
        Locale.ROOT,
        "%nepoch %d: train loss %.4f%s%n",
        epoch + 1,
        trainLoss,
        val == null
            ? ""
            : String.format(
                Locale.ROOT, ", validation loss %.4f%s", val.loss(), best ? " (best)" : ""));
    err.flush();
  }

  @Override
  public void started(long examples, int chunks, int chunksAlreadyDone) {
    err.printf(
        Locale.ROOT,
        "extracting %d examples in %d chunks (%d already done)%n",
        examples,
        chunks,
        chunksAlreadyDone);
    err.flush();
  }

  @Override
  public void batch(long done, long examples, long tokens, double seconds) {
    err.printf(
        Locale.ROOT,
        "\r%s %d/%d examples, %.1f examples/s",
        bar((double) done / examples),
        done,
        examples,
        done / Math.max(1e-9, seconds));
    err.flush();
  }

  @Override
  public void completed(StoreManifest manifest) {
    err.println();
    err.flush();
  }
}
