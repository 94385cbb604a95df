package dev.gradex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.settings.Component;
import dev.gradex.component.settings.ConfigurationDoc;
import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.core.Json;
import dev.gradex.estimate.EstimateSubsetsCommand;
import dev.gradex.extract.ExtractGradientsCommand;
import dev.gradex.finetune.FineTuneCommand;
import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.ir.IrCompiler;
import dev.gradex.local.ArithmeticSources;
import dev.gradex.local.RunConfig;
import dev.gradex.local.RunConfigSettings;
import dev.gradex.metatrain.MetaTrainCommand;
import dev.gradex.model.cli.ThreadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every catalog setting ({@link Settings}) has its derived name and the catalog's default in each
 * front-end that takes it: the owning components' flags (after parsing a command line that omits
 * them), a minimal run.yaml, the freshly compiled pipeline and the committed golden pipeline
 * (parameter, step input, flag), and the committed docs/configuration.md. A default or a name
 * edited by hand in any one of them fails here.
 *
 * <p>docs/configuration.md is generated: run this test with {@code -Dgradex.regenerateDocs=true} to
 * rewrite it, then review the diff.
 */
class SettingsAgreementTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @TempDir Path dir;

  /** A command of {@code c} parsed with its required flags only. */
  private static CommandSpec parsed(Component c) {
    Object command;
    List<String> args = new ArrayList<>(List.of("--sources", "s", "--base-model", "m"));
    switch (c) {
      case META_TRAIN -> {
        command = new MetaTrainCommand();
        args.addAll(List.of("--adapter-out", "o"));
      }
      case FINE_TUNE -> {
        command = new FineTuneCommand();
        args.addAll(List.of("--adapter-out", "o", "--selection", "sel"));
      }
      case EXTRACT_GRADIENTS -> {
        command = new ExtractGradientsCommand();
        args.addAll(List.of("--adapter", "a", "--store-out", "o"));
      }
      case ESTIMATE_SUBSETS -> {
        command = new EstimateSubsetsCommand();
        args = List.of("--store", "s", "--out", "o");
      }
      default -> throw new AssertionError(c);
    }
    CommandLine cl = new CommandLine(command);
    cl.parseArgs(args.toArray(String[]::new));
    return cl.getCommandSpec();
  }

  @Test
  void everyComponentFlagHasTheCatalogNameDefaultAndHelp() {
    int checked = 0;
    for (Component c : Component.values()) {
      CommandSpec spec = parsed(c);
      for (Setting<?> s : c.settings()) {
        OptionSpec o = spec.findOption(s.flag());
        assertThat(o).as("%s %s (%s)", c.command(), s.flag(), s).isNotNull();
        assertThat(String.join(" ", o.description()))
            .as("%s %s help", c.command(), s.flag())
            .isEqualTo(CatalogOptions.help(s));
        Object value = o.getValue();
        if (s.soft()) {
          assertThat(o.defaultValue()).as("%s %s: a soft default", c.command(), s.flag()).isNull();
          assertThat(value).as("%s %s unset", c.command(), s.flag()).isNull();
        } else {
          assertThat(o.defaultValue())
              .as("%s %s default", c.command(), s.flag())
              .isEqualTo(s.defaultText());
          assertThat(text(value))
              .as("%s %s parsed", c.command(), s.flag())
              .isEqualTo(s.defaultText());
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(15 + 8 + 8 + 15);
  }

  @Test
  void theModelLibrarysOwnDefaultsAreTheCatalogs() {
    assertThat(dev.gradex.model.data.SequenceLimit.DEFAULT_APPEND_EOS)
        .isEqualTo(Settings.DATA_APPEND_EOS.defaultValue());
    assertThat(dev.gradex.model.data.SequenceLimit.MODEL.truncate())
        .isEqualTo(Settings.DATA_TRUNCATE.defaultValue());
    assertThat(dev.gradex.model.data.SequenceLimit.MODEL.maxLength())
        .isEqualTo(Settings.DATA_MAX_SEQ_LENGTH.defaultValue());
  }

  @Test
  void theEngineAppliesTheCatalogsSoftThreadDefaults() {
    assertThat(List.of(ThreadOptions.DEFAULT_THREADS, ThreadOptions.DEFAULT_INTEROP_THREADS))
        .containsExactly(
            Settings.RUNTIME_THREADS.defaultValue(),
            Settings.RUNTIME_INTEROP_THREADS.defaultValue());
  }

  @Test
  void everySettingOnTheCommandLineIsAFlagOfAComponent() {
    Set<Setting<?>> owned = new HashSet<>();
    for (Component c : Component.values()) {
      owned.addAll(c.settings());
    }
    assertThat(owned).containsExactlyInAnyOrderElementsOf(Settings.on(Surface.CLI));
  }

  @Test
  void aMinimalRunYamlYieldsEveryCatalogDefault() throws IOException {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "out: runs/x",
            "sources:",
            // two sources, so the default estimate.alpha 0.5 puts one in each subset
            "  - {name: clean-00, path: data/clean-00.jsonl}",
            "  - {name: noisy-00, path: data/noisy-00.jsonl}",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {tiny: {alphabet: '"
                + ArithmeticSources.ALPHABET.replace("\n", "\\n")
                + "', hidden: 16, layers: 1, heads: 2, context: 48, pretrainEpochs: 0}}",
            ""));
    RunConfig c = RunConfig.read(yaml);
    List<Setting<?>> settings = Settings.on(Surface.RUN_YAML);
    assertThat(settings).hasSize(32);
    for (Setting<?> s : settings) {
      Object value = RunConfigSettings.value(c, s);
      if (s.soft()) {
        assertThat(value).as(s.yamlKey() + " unset").isNull();
      } else {
        assertThat(text(value)).as(s.yamlKey()).isEqualTo(s.defaultText());
      }
    }
  }

  @Test
  void theCompiledPipelineHasEveryParameterWithTheCatalogDefault() throws IOException {
    agrees(firstDocument(IrCompiler.compile(GradexPipeline.build()).toYaml()), "compiled");
  }

  @Test
  void theCommittedGoldenPipelineHasEveryParameterWithTheCatalogDefault() throws IOException {
    Path golden = ROOT.resolve("pipelines/gradex-pipeline.yaml");
    agrees(firstDocument(Files.readString(golden, StandardCharsets.UTF_8)), "golden");
  }

  @Test
  void docsConfigurationMdIsCurrent() throws IOException {
    Path doc = ROOT.resolve("docs/configuration.md");
    String generated = ConfigurationDoc.markdown();
    if (Boolean.getBoolean("gradex.regenerateDocs")) {
      Files.writeString(doc, generated, StandardCharsets.UTF_8);
    }
    assertThat(doc).exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/configuration.md is stale: rerun with -Dgradex.regenerateDocs=true")
        .isEqualTo(generated);
    for (Setting<?> s : Settings.all()) {
      assertThat(generated).contains("`" + s.defaultText() + "`");
    }
  }

  /**
   * {@code ir} declares each KFP setting as a root parameter with its default and type, and every
   * step of an owning component declares the setting's input and passes it as the flag.
   */
  private static void agrees(JsonNode ir, String which) {
    JsonNode root = ir.path("root").path("inputDefinitions").path("parameters");
    List<Setting<?>> settings = Settings.on(Surface.KFP);
    assertThat(settings).hasSize(30);
    for (Setting<?> s : settings) {
      JsonNode p = root.path(s.kfpName());
      assertThat(p.isMissingNode())
          .as("%s pipeline: parameter %s (%s)", which, s.kfpName(), s)
          .isFalse();
      assertThat(text(p.path("defaultValue"), s.type()))
          .as("%s pipeline: default of %s", which, s.kfpName())
          .isEqualTo(s.defaultText());
      for (Component c : Component.values()) {
        if (!c.settings().contains(s)) {
          continue;
        }
        String comp = "comp-" + c.command();
        assertThat(
                ir.path("components")
                    .path(comp)
                    .path("inputDefinitions")
                    .path("parameters")
                    .has(s.inputName()))
            .as("%s pipeline: %s input %s", which, comp, s.inputName())
            .isTrue();
        String args =
            ir.path("deploymentSpec")
                .path("executors")
                .path("exec-" + c.command())
                .path("container")
                .path("args")
                .toString();
        assertThat(args)
            .as("%s pipeline: exec-%s passes %s", which, c.command(), s.flag())
            .contains("\"" + s.flag() + "\",\"{{$.inputs.parameters['" + s.inputName() + "']}}\"");
      }
    }
  }

  private static JsonNode firstDocument(String yaml) throws IOException {
    return Json.YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).next();
  }

  /** A parsed value as the catalog writes defaults (an enum by its id, as the flag takes it). */
  private static String text(Object value) {
    if (value instanceof dev.gradex.model.train.Batching b) {
      return b.id();
    }
    return String.valueOf(value);
  }

  /** A YAML default of a setting of {@code type} (KFP writes integers as 8.0). */
  private static String text(JsonNode v, Class<?> type) {
    if (type == Integer.class || type == Long.class) {
      assertThat(v.asDouble()).isEqualTo(Math.rint(v.asDouble()));
      return Long.toString(v.asLong());
    }
    return v.asText();
  }
}
