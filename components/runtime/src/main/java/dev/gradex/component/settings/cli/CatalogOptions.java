package dev.gradex.component.settings.cli;

import dev.gradex.component.settings.Component;
import dev.gradex.component.settings.Setting;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A picocli model transformer ({@code @Command(modelTransformer = CatalogOptions.class)}) that
 * gives each catalog setting of the command's component ({@link Component#byCommand}, by the
 * command's name) its default and help from the catalog. The command declares only the field and
 * the flag ({@code @Option(names = "--epochs") int epochs;}); a declared flag the catalog does not
 * know is left alone, and a catalog setting without its flag fails the command's construction, so
 * the two cannot drift apart. A soft default ({@link Setting#soft()}) is shown in the help but left
 * out of the option: the field stays null, "not given", and the code that uses it applies it.
 */
public final class CatalogOptions implements IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec spec) {
    Component component = Component.byCommand(spec.name());
    if (component == null) {
      throw new IllegalStateException(
          "CatalogOptions on command '" + spec.name() + "', which is no catalog component");
    }
    List<String> missing = new ArrayList<>();
    for (Setting<?> s : component.settings()) {
      OptionSpec old = spec.findOption(s.flag());
      if (old == null) {
        missing.add(s.flag() + " (" + s.yamlKey() + ")");
        continue;
      }
      OptionSpec.Builder b = old.toBuilder().description(help(s));
      if (!s.soft()) {
        b.defaultValue(s.defaultText());
      }
      spec.remove(old);
      spec.addOption(b.build());
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          spec.name() + " declares no option for " + String.join(", ", missing));
    }
    return spec;
  }

  /** The catalog's help with the default, as the command's help shows it. */
  public static String help(Setting<?> s) {
    String h = s.help().endsWith(".") ? s.help().substring(0, s.help().length() - 1) : s.help();
    return h + " (default: " + s.defaultText() + ").";
  }
}
