package dev.gradex.kfp.gradex;

import dev.gradex.component.settings.Component;
import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.ParameterType;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.PipelineParameter;
import dev.gradex.kfp.dsl.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline parameters of the settings catalog: one per setting the KFP front-end takes, named
 * {@link Setting#kfpName()} with the catalog's default, and the binding of each to the input of
 * every step whose component owns the setting ({@link Setting#inputName()}, the flag in
 * snake_case).
 */
final class CatalogParameters {
  private final Map<Setting<?>, PipelineParameter> parameters;

  private CatalogParameters(Map<Setting<?>, PipelineParameter> parameters) {
    this.parameters = parameters;
  }

  /** Declares the catalog's parameters on {@code p}. */
  static CatalogParameters declare(Pipeline.Builder p) {
    Map<Setting<?>, PipelineParameter> m = new LinkedHashMap<>();
    for (Setting<?> s : Settings.on(Surface.KFP)) {
      m.put(s, p.addParameter(s.kfpName(), type(s), s.defaultValue()));
    }
    return new CatalogParameters(m);
  }

  /** Binds the parameters of {@code component}'s settings to the task's inputs. */
  Task.Builder bind(Task.Builder task, Component component) {
    for (Setting<?> s : kfpSettings(component)) {
      task.optInput(s.inputName(), parameters.get(s).value());
    }
    return task;
  }

  /** Declares {@code component}'s catalog inputs. */
  static ContainerComponent.Builder inputs(ContainerComponent.Builder b, Component component) {
    for (Setting<?> s : kfpSettings(component)) {
      b.optInputParameter(s.inputName(), type(s));
    }
    return b;
  }

  /** {@code --flag {{input}}} for each of {@code component}'s catalog inputs, catalog order. */
  static String[] flags(Component component) {
    return GradexComponents.flags(
        kfpSettings(component).stream().map(Setting::inputName).toArray(String[]::new));
  }

  private static java.util.List<Setting<?>> kfpSettings(Component component) {
    return component.settings().stream().filter(s -> s.surfaces().contains(Surface.KFP)).toList();
  }

  /** The KFP type of a setting's Java type. */
  static ParameterType type(Setting<?> s) {
    Class<?> t = s.type();
    if (t == Integer.class || t == Long.class) {
      return ParameterType.NUMBER_INTEGER;
    }
    if (t == Double.class) {
      return ParameterType.NUMBER_DOUBLE;
    }
    return t == Boolean.class ? ParameterType.BOOLEAN : ParameterType.STRING;
  }
}
