package dev.gradex.model.gradients;

import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.NamedParameter;
import java.util.ArrayList;
import java.util.List;

/** The projection layout of a model: its trainable parameters, PEFT names, in model order. */
public final class Layouts {
  private Layouts() {}

  /** The layout of {@code model}'s trainable parameters (LoRA must be applied). */
  public static ParameterLayout of(LanguageModel model) {
    List<ParameterBlock> blocks = new ArrayList<>();
    for (NamedParameter p : model.trainableParameters()) {
      blocks.add(ParameterBlock.of(p.name(), p.shape().getShape()));
    }
    return new ParameterLayout(blocks);
  }

  /** ||theta_trainable||_2 over every trainable tensor (the adapter norm of the manifest). */
  public static double norm(LanguageModel model) {
    double sq = 0;
    for (NamedParameter p : model.trainableParameters()) {
      for (float v : p.parameter().getArray().toFloatArray()) {
        sq += (double) v * v;
      }
    }
    return Math.sqrt(sq);
  }
}
