package dev.gradex.model.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resume file {@code last.safetensors}: trainable weights, AdamW moments ({@code param/},
 * {@code m/}, {@code v/} + PEFT name) and the {@link TrainState} as JSON metadata. Written to a
 * temporary file and renamed, so a crash leaves the previous checkpoint intact.
 */
final class Checkpoint {
  static final String FILE = "last.safetensors";
  private static final ObjectMapper JSON =
      Json.JSON.copy().setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private Checkpoint() {}

  static void save(
      Path dir, TrainState state, List<NamedParameter> params, AdamW opt, float[][] best) {
    state.optimizerSteps = opt.steps();
    state.skippedSteps = opt.skippedSteps();
    SafeTensorsWriter w = new SafeTensorsWriter();
    List<float[][]> moments = opt.state();
    for (int i = 0; i < params.size(); i++) {
      NamedParameter p = params.get(i);
      long[] shape = p.shape().getShape();
      w.add("param/" + p.name(), new SafeTensorsWriter.Tensor(values(p), shape));
      w.add("m/" + p.name(), new SafeTensorsWriter.Tensor(moments.get(i)[0], shape));
      w.add("v/" + p.name(), new SafeTensorsWriter.Tensor(moments.get(i)[1], shape));
      if (best != null) {
        w.add("best/" + p.name(), new SafeTensorsWriter.Tensor(best[i], shape));
      }
    }
    try {
      w.metadata("state", JSON.writeValueAsString(state));
      w.write(dir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  /**
   * Loads weights and moments into the model and optimizer, the best epoch's weights (if any) into
   * {@code best[0]}; returns the loop state.
   */
  static TrainState load(Path file, List<NamedParameter> params, AdamW opt, float[][][] best) {
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      TrainState state = JSON.readValue(f.metadata().get("state"), TrainState.class);
      List<float[][]> moments = new ArrayList<>();
      for (NamedParameter p : params) {
        if (!f.tensors().containsKey("param/" + p.name())) {
          throw new InvalidInputException(file.toString(), "has no tensor for " + p.name());
        }
        set(p, f.readFloats("param/" + p.name()));
        moments.add(new float[][] {f.readFloats("m/" + p.name()), f.readFloats("v/" + p.name())});
      }
      opt.restore(
          moments,
          state.optimizerSteps < 0 ? state.step : state.optimizerSteps,
          state.skippedSteps);
      if (f.tensors().containsKey("best/" + params.get(0).name())) {
        best[0] = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
          best[0][i] = f.readFloats("best/" + params.get(i).name());
        }
      }
      return state;
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "unreadable checkpoint: " + e.getMessage());
    }
  }

  static float[] values(NamedParameter p) {
    return p.parameter().getArray().toFloatArray();
  }

  static void set(NamedParameter p, float[] values) {
    var arr = p.parameter().getArray();
    arr.setRequiresGradient(false);
    dev.gradex.model.tensor.ArrayCopy.into(arr, values);
    arr.setRequiresGradient(true);
  }
}
