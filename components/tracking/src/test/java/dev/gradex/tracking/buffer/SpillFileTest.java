package dev.gradex.tracking.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradex.tracking.rest.RunRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {
  @TempDir Path dir;

  @Test
  void rewrittenAndAppendedContentsReadBackInOrderWithRunReferences() throws Exception {
    SpillFile spill = new SpillFile(dir.resolve("b.jsonl"));
    Map<String, RunRef> refs = new LinkedHashMap<>();
    refs.put("root", new RunRef("r1", "mlflow-artifacts:/1/r1/artifacts"));
    refs.put("joined", new RunRef("kfp", null));
    Call a =
        new Call(4, Call.Kind.LOG_BATCH, "root", JsonNodeFactory.instance.objectNode().put("x", 1));
    Call b =
        new Call(
            5,
            Call.Kind.END_RUN,
            "root",
            JsonNodeFactory.instance.objectNode().put("status", "FINISHED"));
    spill.rewrite(refs, List.of(a));
    spill.append(b);

    SpillFile.Contents back = new SpillFile(dir.resolve("b.jsonl")).read();
    assertThat(back.refs()).isEqualTo(refs);
    assertThat(back.calls()).containsExactly(a, b);
  }

  @Test
  void tornLastLineFromKilledProcessIsSkipped() throws Exception {
    SpillFile spill = new SpillFile(dir.resolve("b.jsonl"));
    Call a = new Call(1, Call.Kind.CREATE_RUN, "root", JsonNodeFactory.instance.objectNode());
    spill.append(a);
    Files.writeString(spill.path(), "{\"seq\":2,\"kind\":\"LOG_BA", StandardOpenOption.APPEND);

    assertThat(spill.read().calls()).containsExactly(a);
  }
}
