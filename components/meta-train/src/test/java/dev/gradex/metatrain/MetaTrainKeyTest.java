package dev.gradex.metatrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.Json;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.train.LoraJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stage key covers data.appendEos and evalBatchSize, as it covers data.truncate. */
class MetaTrainKeyTest {
  private static String key(SequenceLimit limit, int evalBatchSize) {
    LoraJob.Settings s =
        new LoraJob.Settings(3, 1e-3, 16, 8, 16, List.of(), limit, 0, 0, null, evalBatchSize);
    return StageManifest.key(new MetaTrainStage.Inputs(Map.of("a", "d1"), "base", s));
  }

  @Test
  void appendEosTruncateAndEvalBatchSizeEachChangeTheKey() {
    String base = key(new SequenceLimit(0, false, true), 0);
    assertThat(key(new SequenceLimit(0, false, true), 0)).isEqualTo(base);
    assertThat(key(new SequenceLimit(0, false, false), 0)).isNotEqualTo(base);
    assertThat(key(new SequenceLimit(0, true, true), 0)).isNotEqualTo(base);
    assertThat(key(new SequenceLimit(0, false, true), 4)).isNotEqualTo(base);
  }

  @Test
  void inputsWrittenBeforeTheSettingsReadAsNoEosAndTheTrainingBatchSize() throws Exception {
    String old =
        "{\"sources\":{\"a\":\"d1\"},\"baseModel\":\"base\",\"settings\":{\"epochs\":3,"
            + "\"learningRate\":0.001,\"batchSize\":16,\"rank\":8,\"alpha\":16.0,"
            + "\"targets\":[],\"sequenceLimit\":{\"maxLength\":0,\"truncate\":false},"
            + "\"seed\":0,\"maxSteps\":0,\"batching\":\"random\"}}";
    LoraJob.Settings s = Json.JSON.readValue(old, MetaTrainStage.Inputs.class).settings();
    assertThat(s.sequenceLimit()).isEqualTo(new SequenceLimit(0, false, false));
    assertThat(s.evalBatchSize()).isZero();
    assertThat(s.batchSize()).isEqualTo(16);
  }
}
