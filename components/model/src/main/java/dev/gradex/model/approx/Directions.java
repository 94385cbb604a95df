package dev.gradex.model.approx;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.train.Batching;
import dev.gradex.model.train.Schedule;
import dev.gradex.model.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The two directions {@link OutputLinearisation} is measured along.
 *
 * <ul>
 *   <li>{@value #FINE_TUNED}: the real fine-tuned direction, {@code delta = theta_K - theta*} after
 *       K optimizer steps of training continued from theta* on the target's training examples with
 *       the run's recipe (learning rate, batch size, batching, seed; AdamW, global-norm clip 1, a
 *       constant rate). The final fine-tunes of stage 5 start from the pretrained base, not from
 *       theta*, so {@code theta_S - theta*} would not be a fine-tuning step of the first-order
 *       model; a continuation from theta* is.
 *   <li>{@value #RANDOM}: a seeded standard Gaussian in every trainable parameter.
 * </ul>
 */
public final class Directions {
  /** The name of the direction of training continued from theta*. */
  public static final String FINE_TUNED = "fine-tuned";

  /** The name of the seeded Gaussian direction. */
  public static final String RANDOM = "random";

  private Directions() {}

  /**
   * The recipe of the continued training.
   *
   * @param steps optimizer steps (>= 1)
   * @param learningRate the constant learning rate
   * @param batchSize examples per step
   * @param batching how the examples are cut into batches
   * @param seed the shuffle's seed
   */
  public record Continuation(
      int steps, double learningRate, int batchSize, Batching batching, long seed) {}

  /** A standard Gaussian direction of {@code model}'s trainable shapes, drawn from {@code seed}. */
  public static Direction random(LanguageModel model, long seed) {
    Random rng = new Random(seed);
    List<float[]> values = new ArrayList<>();
    for (NamedParameter p : model.trainableParameters()) {
      float[] v = new float[Math.toIntExact(p.shape().size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rng.nextGaussian();
      }
      values.add(v);
    }
    return new Direction(RANDOM, values);
  }

  /**
   * The direction of {@code c.steps()} optimizer steps from the model's current parameters (theta*)
   * on {@code train}; the parameters are theta* again on return, also when training fails.
   *
   * @throws InvalidInputException when the steps did not move the parameters (no direction)
   */
  public static Direction fineTuned(LanguageModel model, List<Encoded> train, Continuation c) {
    List<float[]> theta = ParameterValues.get(model);
    List<float[]> delta = new ArrayList<>(theta.size());
    try {
      Trainer.builder()
          .setTrainData(train)
          .setEpochs(1)
          .optMaxSteps(c.steps())
          .setLearningRate(c.learningRate())
          .optBatchSize(c.batchSize())
          .optBatching(c.batching())
          .optSeed(c.seed())
          .optSchedule(Schedule.CONSTANT)
          .optRestoreBest(false)
          .build()
          .train(model);
      List<float[]> moved = ParameterValues.get(model);
      for (int p = 0; p < theta.size(); p++) {
        float[] d = new float[theta.get(p).length];
        for (int i = 0; i < d.length; i++) {
          d[i] = moved.get(p)[i] - theta.get(p)[i];
        }
        delta.add(d);
      }
    } finally {
      try (NativeExitGuard.Section restore = NativeExitGuard.enter()) {
        ParameterValues.set(model, theta);
      }
    }
    Direction d = new Direction(FINE_TUNED, delta);
    if (!(d.norm() > 0)) {
      throw new InvalidInputException(
          "fine-tuned direction",
          c.steps() + " optimizer step(s) from theta* did not move the adapter (zero gradient?)");
    }
    return d;
  }
}
