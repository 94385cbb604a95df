package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.LabelMap;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.lora.AdapterLabels;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classifier trained on string labels: the adapter carries them as id2label/label2id. */
class LoraJobLabelsTest {
  @TempDir Path dir;
  private Path base;

  @BeforeEach
  void baseModel() throws IOException {
    base = dir.resolve("base");
    BertConfig cfg = new BertConfig(40, 16, 1, 2, 32, 16, 2, 1e-12, "gelu", 3);
    try (LanguageModel m = HfModels.random(cfg, Device.cpu(), 1, 0.02, 0)) {
      HfModels.save(m, base);
    }
    CharTokenizerJson.write(base, "abcdefgh ");
  }

  private Dataset data(String name, LabelMap labels, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return Dataset.read(f, "target", labels);
  }

  private static String rec(String text, String label) {
    return "{\"text\":\"" + text + "\",\"label\":\"" + label + "\"}";
  }

  @Test
  void theAdapterDirectoryHasTheBaseConfigWithId2labelAndTheTruncationsAreCounted()
      throws IOException {
    Path trainFile = dir.resolve("train.jsonl");
    Files.writeString(
        trainFile,
        String.join(
            "\n",
            rec("abc", "spam"),
            rec("aaaa bbbb cccc", "ham"),
            rec("de", "ham"),
            rec("hhhhhhhhh", "spam")));
    LabelMap labels = LabelMap.fromTraining(trainFile);
    Dataset train = Dataset.read(trainFile, "target", labels);
    Dataset val = data("val.jsonl", labels, rec("abcdefgh", "spam"), rec("ga", "ham"));
    Path out = dir.resolve("adapter");
    LoraJob.Result r =
        LoraJob.run(
            base,
            List.of(train),
            val,
            null,
            new LoraJob.Settings(1, 1e-3, 2, 2, 4, List.of(), new SequenceLimit(6, true), 3),
            Device.cpu(),
            out,
            dir.resolve("ckpt"),
            ProgressListener.NONE);
    // Longer than 6 characters: "aaaa bbbb cccc" and "hhhhhhhhh" (train), "abcdefgh" (val).
    assertThat(r.truncated()).isEqualTo(3);
    JsonNode cfg = new ObjectMapper().readTree(out.resolve(AdapterLabels.FILE).toFile());
    assertThat(cfg.get("id2label").toString())
        .isEqualTo("{\"0\":\"ham\",\"1\":\"spam\",\"2\":\"LABEL_2\"}");
    assertThat(cfg.get("label2id").toString()).isEqualTo("{\"ham\":0,\"spam\":1,\"LABEL_2\":2}");
    assertThat(cfg.get("model_type").asText()).isEqualTo("bert");
    assertThat(cfg.get("num_labels").asInt()).isEqualTo(3);
    assertThat(out.resolve("adapter_config.json")).isRegularFile();
  }

  @Test
  void integerLabelsWriteNoConfigAndMoreNamesThanClassesAreRefusedBeforeTraining()
      throws IOException {
    Path out = dir.resolve("adapter");
    Dataset ints =
        data(
            "i.jsonl",
            LabelMap.INDICES,
            "{\"text\":\"ab\",\"label\":2}",
            "{\"text\":\"c\",\"label\":0}");
    LoraJob.Settings s = new LoraJob.Settings(1, 1e-3, 2, 2, 4, List.of(), null, 3);
    LoraJob.run(base, List.of(ints), ints, null, s, Device.cpu(), out, null, ProgressListener.NONE);
    assertThat(out.resolve(AdapterLabels.FILE)).doesNotExist();
    LabelMap four = LabelMap.of(List.of("a", "b", "c", "d"), "target.labels");
    Dataset named = data("n.jsonl", four, rec("ab", "d"));
    Path out2 = dir.resolve("adapter2");
    assertThatThrownBy(
            () ->
                LoraJob.run(
                    base,
                    List.of(named),
                    named,
                    null,
                    s,
                    Device.cpu(),
                    out2,
                    null,
                    ProgressListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "target.labels: 4 labels [a, b, c, d] but the model's classifier"
                + " has num_labels = 3");
    assertThat(out2).doesNotExist();
  }
}
