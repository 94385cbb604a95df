package dev.gradex.tracking.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradex.tracking.rest.RunRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
  void theBufferDirectoryIsCreatedReadableByItsOwnerOnly() throws Exception {
    Path buffer = dir.resolve("run/.tracking");
    SpillFile spill = new SpillFile(buffer.resolve("b.jsonl"));
    spill.append(new Call(1, Call.Kind.CREATE_RUN, "root", JsonNodeFactory.instance.objectNode()));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(buffer)))
        .isEqualTo("rwx------");
  }

  @Test
  void tornLastLineFromKilledProcessIsSkipped() throws Exception {
    SpillFile spill = new SpillFile(dir.resolve("b.jsonl"));
    Call a = new Call(1, Call.Kind.CREATE_RUN, "root", JsonNodeFactory.instance.objectNode());
    spill.append(a);
    Files.writeString(spill.path(), "{\"seq\":2,\"kind\":\"LOG_BA", StandardOpenOption.APPEND);

    assertThat(spill.read().calls()).containsExactly(a);
  }

  /** A buffer written by this version must stay readable by later versions' flush. */
  @Test
  void goldenVersionOneBufferReadsBackAsRecorded() throws Exception {
    Path golden = Path.of(SpillFileTest.class.getResource("spill-v1.jsonl").toURI());
    SpillFile.Contents c = new SpillFile(golden).read();

    assertThat(c.refs())
        .containsExactly(
            Map.entry(
                "root",
                new RunRef(
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    "mlflow-artifacts:/1/0f1e2d3c4b5a69788796a5b4c3d2e1f0/artifacts")),
            Map.entry("kfp", new RunRef("kfp-task-run", null)));
    assertThat(c.calls())
        .extracting(Call::seq, Call::kind, Call::run)
        .containsExactly(
            tuple(7L, Call.Kind.CREATE_RUN, "stage-2-fine-tune"),
            tuple(8L, Call.Kind.LOG_BATCH, "stage-2-fine-tune"),
            tuple(9L, Call.Kind.LOG_INPUTS, "stage-2-fine-tune"),
            tuple(10L, Call.Kind.UPLOAD, "stage-2-fine-tune"),
            tuple(11L, Call.Kind.REGISTER, "stage-2-fine-tune"),
            tuple(12L, Call.Kind.END_RUN, "stage-2-fine-tune"));
    assertThat(c.calls().get(0).body().get("parent").asText()).isEqualTo("root");
    assertThat(c.calls().get(4).body().get("loss").asText()).isEqualTo("0.875");
  }
}
