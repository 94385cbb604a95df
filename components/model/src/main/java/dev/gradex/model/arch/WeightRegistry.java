package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Every base-model weight under its Hugging Face name (in the task model's namespace, e.g. {@code
 * transformer.h.0.attn.c_attn.weight}) with the shape the architecture expects.
 */
final class WeightRegistry {
  /** One weight: the DJL parameter, its expected shape, and how to initialise it randomly. */
  record Slot(String name, Parameter parameter, Shape shape, Init init) {}

  /** Random initialisation kinds. */
  enum Init {
    NORMAL,
    ONES,
    ZEROS
  }

  private final Map<String, Slot> slots = new LinkedHashMap<>();

  Parameter add(String name, Shape shape, Init init) {
    if (slots.containsKey(name)) {
      throw new IllegalStateException("duplicate weight " + name);
    }
    Parameter.Type type = init == Init.NORMAL ? Parameter.Type.WEIGHT : Parameter.Type.BIAS;
    String local = name.substring(name.lastIndexOf('.') + 1);
    Parameter p = Parameter.builder().setName(local).setType(type).build();
    slots.put(name, new Slot(name, p, shape, init));
    return p;
  }

  Map<String, Slot> slots() {
    return Collections.unmodifiableMap(slots);
  }

  /** Sets one weight from row-major values (shape already checked by the caller). */
  static void set(Slot slot, NDManager manager, float[] values) {
    NDArray arr = manager.create(values, slot.shape());
    slot.parameter().setArray(arr);
  }

  /**
   * Initialises one weight: NORMAL with N(0, std^2), ONES with 1 + N(0, noise^2), ZEROS with N(0,
   * noise^2); noise 0 gives the textbook initialisation.
   */
  static void randomize(Slot slot, NDManager manager, Random rng, double std, double noise) {
    float[] v = new float[Math.toIntExact(slot.shape().size())];
    double scale = slot.init() == Init.NORMAL ? std : noise;
    double base = slot.init() == Init.ONES ? 1 : 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (base + (scale == 0 ? 0 : rng.nextGaussian() * scale));
    }
    set(slot, manager, v);
  }
}
