package dev.gradex.component.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingTest {
  @Test
  void namesFollowTheOneRuleInEveryFrontEnd() {
    assertThat(List.of(Settings.ESTIMATE_SELECT.yamlKey(), Settings.ESTIMATE_SELECT.flag()))
        .containsExactly("estimate.select", "--select");
    assertThat(Settings.ESTIMATE_SELECT.kfpName()).isEqualTo("estimate_select");
    assertThat(Settings.FINE_TUNE_LEARNING_RATE.kfpName()).isEqualTo("fine_tune_learning_rate");
    assertThat(Settings.FINE_TUNE_LEARNING_RATE.yamlKey()).isEqualTo("fineTune.learningRate");
    assertThat(Settings.TRAIN_MAX_STEPS.kfpName()).isEqualTo("train_max_steps");
    assertThat(Settings.TRAIN_MAX_STEPS.flag()).isEqualTo("--max-steps");
    assertThat(Settings.LORA_RANK.kfpName()).isEqualTo("lora_rank");
    assertThat(Settings.LORA_RANK.flag()).isEqualTo("--lora-rank");
    assertThat(Settings.LORA_RANK.inputName()).isEqualTo("lora_rank");
    assertThat(Settings.DATA_MAX_SEQ_LENGTH.kfpName()).isEqualTo("data_max_seq_length");
    assertThat(Settings.DATA_MAX_SEQ_LENGTH.inputName()).isEqualTo("max_seq_length");
    assertThat(Settings.ESTIMATE_NORM_CAP.inputName()).isEqualTo("norm_cap");
    assertThat(Settings.SEED.yamlKey()).isEqualTo("seed");
    assertThat(Settings.SEED.kfpName()).isEqualTo("seed");
    assertThat(Settings.RUNTIME_INTEROP_THREADS.flag()).isEqualTo("--interop-threads");
  }

  @Test
  void noTwoSettingsShareAFrontEndName() {
    Set<String> yaml = new HashSet<>();
    Set<String> kfp = new HashSet<>();
    for (Setting<?> s : Settings.all()) {
      assertThat(yaml.add(s.yamlKey())).as(s.yamlKey()).isTrue();
      assertThat(kfp.add(s.kfpName())).as(s.kfpName()).isTrue();
    }
    for (Component c : Component.values()) {
      Set<String> flags = new HashSet<>();
      for (Setting<?> s : c.settings()) {
        assertThat(flags.add(s.flag())).as(c.command() + " " + s.flag()).isTrue();
      }
    }
    assertThat(yaml).hasSize(33);
  }

  @Test
  void theBuilderReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                Setting.builder(Section.TRAIN, "Bad-name", Integer.class)
                    .optConstraint(new Constraint.AtLeast(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "setting TRAIN.Bad-name: name must be lowerCamel (got Bad-name); default is required;"
                + " help is required");
    assertThatThrownBy(
            () ->
                Setting.builder(Section.TRAIN, "epochs", Integer.class)
                    .setDefault(0)
                    .setHelp("h")
                    .optConstraint(new Constraint.AtLeast(1))
                    .build())
        .hasMessage("setting TRAIN.epochs: default 0 must be >= 1");
  }

  @Test
  void constraintsNameTheRule() {
    assertThat(Settings.ESTIMATE_ALPHA.problem(1.5)).isEqualTo("must be in (0, 1]");
    assertThat(Settings.ESTIMATE_ALPHA.problem(1.0)).isNull();
    assertThat(Settings.TRAIN_BATCHING.problem("sorted"))
        .isEqualTo("must be one of random, by-length");
    assertThat(Settings.ESTIMATE_MODE.constraint().describe())
        .isEqualTo("faithful | reference | closed-form | one-newton");
    assertThat(Settings.TRAIN_LEARNING_RATE.problem(Double.POSITIVE_INFINITY))
        .isEqualTo("must be > 0");
    assertThat(Settings.LORA_RANK.problem(null)).isNull();
  }
}
