package dev.gradex.model.cli;

import dev.gradex.model.train.TrainingCurves;
import dev.gradex.tracking.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LoRA stage's training curves as MLflow metric series (its results and the training cost of
 * {@link dev.gradex.model.train.LoraJob.Result#throughputMetrics()} are logged by the stage runner:
 * {@code train_steps}, {@code train_examples_per_s}, {@code train_input_tokens_per_s} (input tokens
 * without padding), {@code train_padded_tokens_per_s} (input tokens after padding each batch to its
 * longest example, the work the model did), {@code train_padding_ratio} (padded over real), {@code
 * train_supervised_tokens} (the tokens the loss is over) and {@code train_seconds}), and the
 * training curves of its {@code curves.csv} as series over optimizer steps: {@code train_loss},
 * {@code lr} and {@code grad_norm} at every step, {@code epoch_train_loss} and {@code
 * epoch_validation_loss} at the step each epoch ended (so the curves share one x axis in MLflow's
 * charts; the headline {@code validation_loss} stays the kept epoch's), each point stamped with
 * when its step ended. Sent in batches, not one call per point.
 */
public final class TrainingMetrics {
  private TrainingMetrics() {}

  /** The curves as metric points, in the order above; non-finite values are left out. */
  public static List<MetricPoint> points(TrainingCurves curves) {
    List<MetricPoint> out = new ArrayList<>();
    Map<Long, Long> times = new HashMap<>();
    for (TrainingCurves.Step s : curves.steps()) {
      times.put(s.step(), s.timeMillis());
      add(out, "train_loss", s.trainLoss(), s.step(), s.timeMillis());
      add(out, "lr", s.lr(), s.step(), s.timeMillis());
      add(out, "grad_norm", s.gradNorm(), s.step(), s.timeMillis());
    }
    for (TrainingCurves.Epoch e : curves.epochs()) {
      long at = times.getOrDefault(e.step(), 0L);
      add(out, "epoch_train_loss", e.trainLoss(), e.step(), at);
      add(out, "epoch_validation_loss", e.validationLoss(), e.step(), at);
    }
    return out;
  }

  /** The curves of {@code out/curves.csv} as metric series; empty if the file does not exist. */
  public static List<MetricPoint> series(Path out) {
    Path file = out.resolve(TrainingCurves.FILE);
    return Files.isRegularFile(file) ? points(TrainingCurves.read(file)) : List.of();
  }

  private static void add(List<MetricPoint> out, String key, double value, long step, long at) {
    if (Double.isFinite(value)) {
      out.add(new MetricPoint(key, value, step, at));
    }
  }
}
