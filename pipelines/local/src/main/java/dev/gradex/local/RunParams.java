package dev.gradex.local;

import dev.gradex.component.settings.Component;
import dev.gradex.component.settings.Section;
import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local run's settings as MLflow params, one per catalog setting ({@link Settings}) under its
 * run.yaml name ({@code lora.rank}, {@code estimate.lambda}) with its effective value, the
 * catalog's default where run.yaml left it out: every setting on the parent run, on a stage's run
 * only the sections that stage uses (the sections of the component it runs).
 */
final class RunParams {
  private RunParams() {}

  /** Every run.yaml setting. */
  static Map<String, String> all(RunConfig config) {
    return of(config, List.of(Section.values()));
  }

  /** The settings stage {@code stage} (a stage name of the local run) uses. */
  static Map<String, String> forStage(RunConfig config, String stage) {
    return of(config, sections(stage));
  }

  static List<Section> sections(String stage) {
    List<Section> s = new ArrayList<>();
    if (stage.equals("meta-train")) {
      s.addAll(Component.META_TRAIN.sections());
    } else if (stage.equals("extract-gradients")) {
      s.addAll(Component.EXTRACT_GRADIENTS.sections());
    } else if (stage.equals("estimate-subsets")) {
      s.addAll(Component.ESTIMATE_SUBSETS.sections());
    } else if (stage.startsWith("fine-tune")) {
      s.addAll(Component.FINE_TUNE.sections());
    } else if (stage.equals("fidelity")) {
      s.addAll(Component.FINE_TUNE.sections());
      s.add(Section.FIDELITY);
    } else {
      s.add(Section.RUN);
      s.add(Section.FIDELITY);
    }
    return s;
  }

  private static Map<String, String> of(RunConfig config, List<Section> sections) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Setting<?> s : Settings.on(Surface.RUN_YAML)) {
      if (sections.contains(s.section())) {
        Object v = RunConfigSettings.value(config, s);
        out.put(s.yamlKey(), v == null ? s.defaultText() : String.valueOf(v));
      }
    }
    return out;
  }
}
