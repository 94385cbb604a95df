package dev.gradex.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.config.Family;
import dev.gradex.model.lora.AdapterConfig;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.PeftFiles;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Saves and loads a model's LoRA adapter in Hugging Face PEFT's layout. */
final class AdapterIo {
  private static final String A = ".lora_A.weight";
  private static final String B = ".lora_B.weight";

  private AdapterIo() {}

  static void save(TransformerModel model, Path dir, String baseModel) throws IOException {
    if (model.loraConfig() == null) {
      throw new IllegalStateException("no LoRA adapter to save; call applyLora first");
    }
    Map<String, SafeTensorsWriter.Tensor> tensors = new LinkedHashMap<>();
    for (NamedParameter p : model.trainableParameters()) {
      NDArray arr = p.parameter().getArray();
      tensors.put(
          p.name(), new SafeTensorsWriter.Tensor(arr.toFloatArray(), arr.getShape().getShape()));
    }
    boolean fanInFanOut = model.config().family() == Family.GPT2;
    AdapterConfig cfg =
        new AdapterConfig(model.loraConfig(), model.taskType(), baseModel, fanInFanOut);
    PeftFiles.write(dir, cfg, tensors);
  }

  static void load(TransformerModel model, Path dir) {
    PeftFiles.Adapter adapter = PeftFiles.read(dir);
    Path file = dir.resolve(PeftFiles.WEIGHTS);
    Map<String, PeftFiles.Loaded> byModule = new HashMap<>();
    Set<String> loraModules = new TreeSet<>();
    for (Map.Entry<String, PeftFiles.Loaded> e : adapter.tensors().entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PeftFiles.PREFIX)) {
        throw new InvalidInputException(
            file.toString(), "tensor '" + name + "' does not start with " + PeftFiles.PREFIX);
      }
      String rest = model.canonicalName(name.substring(PeftFiles.PREFIX.length()));
      byModule.put(rest, e.getValue());
      if (rest.endsWith(A)) {
        loraModules.add(rest.substring(0, rest.length() - A.length()));
      }
    }
    if (model.loraConfig() == null) {
      Set<String> known = new TreeSet<>();
      model.linears().forEach(l -> known.add(l.path()));
      for (String m : loraModules) {
        if (!known.contains(m)) {
          throw new InvalidInputException(
              file.toString(),
              "LoRA tensors for module '" + m + "', which this model does not have");
        }
      }
      model.applyLora(adapter.config().lora(), 0, l -> loraModules.contains(l.path()));
    }
    Set<String> used = new TreeSet<>();
    for (LoraAdapter a : model.loraLayers()) {
      String m = a.modulePath();
      PeftFiles.Loaded la = require(byModule, m + A, a.shapeA(), file);
      PeftFiles.Loaded lb = require(byModule, m + B, a.shapeB(), file);
      a.setValues(model.manager(), la.values(), lb.values());
      used.add(m + A);
      used.add(m + B);
    }
    for (Map.Entry<String, WeightRegistry.Slot> e : model.registry().slots().entrySet()) {
      PeftFiles.Loaded t = byModule.get(e.getKey());
      if (t != null) {
        require(byModule, e.getKey(), e.getValue().shape(), file);
        NDArray arr = e.getValue().parameter().getArray();
        boolean grad = arr.hasGradient();
        arr.setRequiresGradient(false);
        dev.gradex.model.tensor.ArrayCopy.into(arr, t.values());
        arr.setRequiresGradient(grad);
        used.add(e.getKey());
      }
    }
    Set<String> extra = new TreeSet<>(byModule.keySet());
    extra.removeAll(used);
    if (!extra.isEmpty()) {
      throw new InvalidInputException(file.toString(), "unexpected tensor(s) " + extra);
    }
  }

  private static PeftFiles.Loaded require(
      Map<String, PeftFiles.Loaded> byModule, String name, Shape shape, Path file) {
    PeftFiles.Loaded t = byModule.get(name);
    if (t == null) {
      throw new InvalidInputException(
          file.toString(), "missing tensor '" + PeftFiles.PREFIX + name + "'");
    }
    if (!Arrays.equals(t.shape(), shape.getShape())) {
      throw new InvalidInputException(
          file.toString(),
          "tensor '"
              + PeftFiles.PREFIX
              + name
              + "' has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + shape);
    }
    return t;
  }
}
