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
 * epoch_train_loss,validation_loss}; empty elsewhere). When each step ended (epoch milliseconds,
 * for the tracking server's time axis) goes beside it into the hidden {@value #TIMES_FILE}, so that
 * {@code curves.csv} stays byte-identical between two runs of the same seed; without that file
 * (older runs) the times read as 0, unknown. Epochs are 0-based, like {@link
 * TrainResult#bestEpoch()}. The curves travel inside the resume checkpoint, so a resumed run
 * reports every step exactly once.
 *
 * @param steps one entry per optimizer step, in order
 * @param epochs one entry per finished epoch, in order
 */
public record TrainingCurves(List<Step> steps, List<Epoch> epochs) {
  public static final String FILE = "curves.csv";
  static final String HEADER =
      "step,epoch,train_loss,lr,grad_norm,epoch_train_loss,validation_loss";

  /** The file beside {@link #FILE} holding {@code step,time_ms} per step. */
  public static final String TIMES_FILE = ".curves-times.csv";

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
          e == null ? "" : number(e.validationLoss()));
    }
    return csv.toString();
  }

  /** Writes {@link #csv()} to {@code file} and the steps' times beside it, each atomically. */
  public void write(Path file) {
    Csv.Table times = Csv.table("step", "time_ms");
    for (Step s : steps) {
      times.row(s.step(), s.timeMillis());
    }
    AtomicFiles.writeString(file.resolveSibling(TIMES_FILE), times.toString());
    AtomicFiles.writeString(file, csv());
  }

  /** Reads a file written by {@link #write}. */
  public static TrainingCurves read(Path file) {
    List<Csv.Row> rows = Csv.read(file);
    if (rows.isEmpty() || !String.join(",", rows.get(0).fields()).equals(HEADER)) {
      throw new InvalidInputException(file.toString(), "not a curves file (header " + HEADER + ")");
    }
    Map<Long, Long> times = times(file.resolveSibling(TIMES_FILE));
    List<Step> steps = new ArrayList<>();
    List<Epoch> epochs = new ArrayList<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      String[] f = row.fields().toArray(String[]::new);
      if (f.length != 7) {
        throw new InvalidInputException(row.at(), "expected 7 fields");
      }
      Step s =
          new Step(
              Long.parseLong(f[0]),
              Integer.parseInt(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              times.getOrDefault(Long.parseLong(f[0]), 0L));
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

  /** Step to time from a times file; empty when there is none or it cannot be read. */
  private static Map<Long, Long> times(Path file) {
    Map<Long, Long> out = new LinkedHashMap<>();
    if (!java.nio.file.Files.isRegularFile(file)) {
      return out;
    }
    try {
      List<Csv.Row> rows = Csv.read(file);
      for (Csv.Row row : rows.subList(Math.min(1, rows.size()), rows.size())) {
        List<String> f = row.fields();
        out.put(Long.parseLong(f.get(0)), Long.parseLong(f.get(1)));
      }
    } catch (RuntimeException e) {
      return new LinkedHashMap<>(); // times are a display aid; the curves stand without them
    }
    return out;
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
