package dev.gradex.component.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Generates docs/configuration.md from the {@link Settings} catalog: the naming rule, one table row
 * per setting, and the settings that exist in one front-end only. The committed file is checked by
 * {@code SettingsAgreementTest} (pipelines/cli), which rewrites it when run with {@code
 * -Dgradex.regenerateDocs=true}.
 */
public final class ConfigurationDoc {
  private ConfigurationDoc() {}

  /** The whole Markdown document. */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(HEADER);
    b.append(
        "| run.yaml | flag (component) | KFP parameter | type | default | accepts | meaning |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (Setting<?> s : Settings.all()) {
      b.append("| ")
          .append(cell(s, Surface.RUN_YAML, "`" + s.yamlKey() + "`"))
          .append(" | ")
          .append(cell(s, Surface.CLI, "`" + s.flag() + "` (" + components(s) + ")"))
          .append(" | ")
          .append(cell(s, Surface.KFP, "`" + s.kfpName() + "`"))
          .append(" | ")
          .append(s.type().getSimpleName().toLowerCase(Locale.ROOT))
          .append(" | `")
          .append(s.defaultText())
          .append("`")
          .append(s.soft() ? " (soft)" : "")
          .append(" | ")
          .append(escape(s.constraint().describe()))
          .append(" | ")
          .append(escape(s.help()))
          .append(" |\n");
    }
    b.append(FOOTER);
    return b.toString();
  }

  private static String cell(Setting<?> s, Surface surface, String text) {
    return s.surfaces().contains(surface) ? text : "—";
  }

  private static String components(Setting<?> s) {
    List<String> names = new ArrayList<>();
    for (Component c : Component.values()) {
      if (c.sections().contains(s.section())) {
        names.add(c.command());
      }
    }
    return names.stream().collect(Collectors.joining(", "));
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }

  private static final String HEADER =
      """
      # Configuration reference

      <!-- Generated from dev.gradex.component.settings.Settings by ConfigurationDoc; do not edit.
           Regenerate: mvn -o -pl pipelines/cli -am test -Dtest=SettingsAgreementTest \
      -Dsurefire.failIfNoSpecifiedTests=false -Dgradex.regenerateDocs=true -->

      Every setting of a GradEx run is described once, in the settings catalog
      (`components/runtime`, `dev.gradex.component.settings.Settings`): its section, name, type,
      default, meaning and accepted values. The three front-ends take their names, defaults, help
      and checks from it:

      - **run.yaml** (`gradex run`): the key `section.name` (`estimate.select`); a top-level
        setting is just `name` (`seed`). An absent key, or an absent section, takes the default.
      - **Component flags** (the container programs, and `gradex meta-train` etc.): `--kebab-name`
        on each component that owns the section (`--select` on estimate-subsets); the `lora`
        section keeps its name in the flag (`--lora-rank`), since `--rank`/`--alpha` would be
        ambiguous. A component's KFP input is the flag in snake_case (`lora_rank`, `select`).
      - **KFP pipeline parameters**: `snake(section)_snake(name)` (`estimate.select` ->
        `estimate_select`, `fineTune.learningRate` -> `fine_tune_learning_rate`,
        `train.maxSteps` -> `train_max_steps`); a top-level setting is `snake(name)` (`seed`).

      Sections: `data` (every stage), `lora` (both LoRA trainings), `train` (meta-training, GradEx
      stage 1), `gradients` (stage 2), `estimate` (stages 3 and 4), `fineTune` (the final
      fine-tune), `runtime` (the PyTorch engine), `fidelity` (the local runner's check).
      A *soft* default is applied where the value is used rather than written into the option:
      unset thread counts yield to an engine already running in the process and to the engine's
      thread system properties, and an unset norm cap applies only where the
      store records ||theta*||. A dash means the front-end does not take the setting.

      """;

  private static final String FOOTER =
      """

      ## Front-end specific settings

      These exist in one front-end only and are described there (`--help`, the KFP component
      contract in `GradexComponents`, or `RunConfig`):

      - **run.yaml only**: `out`, `sources`, `target` (and `target.labels`), `model` (`dir` or
        `tiny`), `lora.targets` (also the flag `--lora-targets`), `gradients.chunkSize`
        (examples committed at a time by the extraction, the unit a killed run redoes).
      - **Component flags only**: `--device` (cpu, gpu, gpu:N, auto), `--source-digests`,
        the input and output paths (`--sources`, `--base-model`, `--adapter`, `--store`,
        `--*-out`), `--kfp-executor-input`, estimate-subsets' `--threads` (worker threads),
        `--tolerance`, `--max-iterations`, `--token-weighted`, `--reference-c`,
        `--label-probability`, `--reference-scale`, `--exclude`, `--fast-path-sample`,
        `--pseudo-tasks`, `--quiet`, extract-gradients' `--shard-index`/`--shard-count`.
      - **`gradex run` flags only**: `--truth`, `--all-sources-baseline`, `--target-only-baseline`
        and `--select METHOD`: what chooses the final fine-tune's sources, `gradex` (the default)
        or a similarity baseline `random`, `less`, `representation`, `dsir`
        ([commands.md](commands.md#baselines-gradex-select)); not the estimate's own rule
        `estimate.select` (estimate-subsets' flag `--select`).
      - **KFP only**: `sources_uri`, `base_model_uri`, `source_digests`, `shard_indices`,
        `shard_count`, `mlflow_tracking_uri`, `registered_model_name`, `champion_alias`,
        `promote_metric`, and the incremental-reselection pair `only_sources`/`reuse_dir` (set by
        `gradex watch`; also flags of meta-train, extract-gradients and merge-stores).
      """;
}
