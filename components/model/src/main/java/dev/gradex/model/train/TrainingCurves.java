package dev.gradex.model.train;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training and validation curves of one {@link Trainer} run, written as {@code curves.csv}: one
 * row per optimizer step ({@code step,epoch,train_loss,lr,grad_norm}), and on the last step of each
 * epoch also that epoch's mean token loss and target validation loss ({@code
 * epoch_train_loss,validation_loss}; empty elsewhere), then {@code time_ms}, when the step ended
 * (epoch milliseconds; files written before that column existed read with time 0, unknown). Epochs
 * are 0-based, like {@link TrainResult#bestEpoch()}. The curves travel inside the resume
 * checkpoint, so a resumed run reports every step exactly once.
 *
 * @param steps one entry per optimizer step, in order
 * @param epochs one entry per finished epoch, in order
 */
public record TrainingCurves(List<Step> steps, List<Epoch> epochs) {
  public static final String FILE = "curves.csv";
  static final String OLD_HEADER =
      "step,epoch,train_loss,lr,grad_norm,epoch_train_loss,validation_loss";
  static final String HEADER = OLD_HEADER + ",time_ms";

  public TrainingCurves {
    steps = List.copyOf(steps);
    epochs = List.copyOf(epochs);
  }

  /**
   * One optimizer step: mean token loss of its micro-batches, learning rate, pre-clip norm, and
   * when it ended (epoch milliseconds, 0 when unknown).
   */
  public record Step(
      long step, int epoch, double trainLoss, double lr, double gradNorm, long timeMillis) {
    /** A step whose time is unknown. */
    public Step(long step, int epoch, double trainLoss, double lr, double gradNorm) {
      this(step, epoch, trainLoss, lr, gradNorm, 0);
    }
  }

  /**
   * One finished epoch: the step it ended at, its mean token loss and the target validation loss
   * (NaN without validation).
   */
  public record Epoch(int epoch, long step, double trainLoss, double validationLoss) {}

  /** The CSV text. */
  public String csv() {
    Map<Long, Epoch> ends = new LinkedHashMap<>();
    for (Epoch e : epochs) {
      ends.put(e.step(), e);
    }
    Csv.Table csv = Csv.table(HEADER.split(","));
    for (Step s : steps) {
      Epoch e = ends.get(s.step());
      csv.row(
          s.step(),
          s.epoch(),
          s.trainLoss(),
          s.lr(),
          s.gradNorm(),
          e == null ? "" : Double.toString(e.trainLoss()),
          e == null ? "" : number(e.validationLoss()),
          s.timeMillis());
    }
    return csv.toString();
  }

  /** Writes {@link #csv()} to {@code file} atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, csv());
  }

  /** Reads a file written by {@link #write}. */
  public static TrainingCurves read(Path file) {
    List<Csv.Row> rows = Csv.read(file);
    String header = rows.isEmpty() ? "" : String.join(",", rows.get(0).fields());
    if (!header.equals(HEADER) && !header.equals(OLD_HEADER)) {
      throw new InvalidInputException(file.toString(), "not a curves file (header " + HEADER + ")");
    }
    int fields = header.split(",").length;
    List<Step> steps = new ArrayList<>();
    List<Epoch> epochs = new ArrayList<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      String[] f = row.fields().toArray(String[]::new);
      if (f.length != fields) {
        throw new InvalidInputException(row.at(), "expected " + fields + " fields");
      }
      Step s =
          new Step(
              Long.parseLong(f[0]),
              Integer.parseInt(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              fields > 7 ? Long.parseLong(f[7]) : 0);
      steps.add(s);
      if (!f[5].isEmpty()) {
        epochs.add(
            new Epoch(
                s.epoch(),
                s.step(),
                Double.parseDouble(f[5]),
                f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6])));
      }
    }
    return new TrainingCurves(steps, epochs);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
