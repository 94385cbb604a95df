package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.kfp.dsl.ArtifactType;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.ParallelFor;
import dev.gradex.kfp.dsl.ParameterType;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.Placeholders;
import dev.gradex.kfp.dsl.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrCompilerTest {
  private static final ContainerComponent PRODUCE =
      ContainerComponent.builder()
          .setImage("busybox")
          .setCommand(List.of("touch"))
          .optInputParameter("n", ParameterType.NUMBER_INTEGER)
          .optOutputArtifact("out", ArtifactType.DATASET)
          .optArgs(Placeholders.outputPath("out"))
          .build();
  private static final ContainerComponent CONSUME =
      ContainerComponent.builder()
          .setImage("busybox")
          .setCommand(List.of("cat"))
          .optInputArtifact("in", ArtifactType.DATASET)
          .optArgs(Placeholders.inputPath("in"))
          .build();

  @Test
  void loopOverLiteralItems_usesIntegerItemChannelAndRawJson() {
    ParallelFor.Builder loop = ParallelFor.overItems(List.of(1, 2));
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Pipeline p = Pipeline.builder().setName("p").addNode(loop.addTask(produce).build()).build();
    Map<String, Object> spec = IrCompiler.compile(p).pipelineSpec();
    Map<?, ?> root =
        (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("root")).get("dag")).get("tasks");
    Map<?, ?> iterator = (Map<?, ?>) ((Map<?, ?>) root.get("for-loop-1")).get("parameterIterator");
    assertThat(iterator.get("itemInput")).isEqualTo("pipelinechannel--loop-item-param-1");
    assertThat(iterator.get("items")).isEqualTo(Map.of("raw", "[1, 2]"));
    assertThat(IrCompiler.compile(p).toYaml())
        .contains("pipelinechannel--loop-item-param-1:\n          parameterType: NUMBER_INTEGER");
  }

  @Test
  void consumerOutsideLoop_readingInnerOutputDirectly_isRejectedWithAHint() {
    ParallelFor.Builder loop = ParallelFor.overItems(List.of(1));
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Task consume =
        Task.builder()
            .setName("consume")
            .setComponent(CONSUME)
            .optInput("in", produce.output("out"))
            .build();
    Pipeline p =
        Pipeline.builder()
            .setName("p")
            .addNode(loop.addTask(produce).build())
            .addNode(consume)
            .build();
    assertThatThrownBy(() -> IrCompiler.compile(p))
        .hasMessageContaining("consume.in reads produce inside a ParallelFor: use Collected");
  }

  @Test
  void loopItemOutsideItsLoop_isRejected() {
    ParallelFor.Builder loop = ParallelFor.overItems(List.of(1));
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Pipeline p = Pipeline.builder().setName("p").addNode(produce).build();
    assertThatThrownBy(() -> IrCompiler.compile(p))
        .hasMessageContaining("produce.n uses the item of a ParallelFor it is not in");
  }

  @Test
  void loopOverTypedListParameter_declaresTheElementTypeForTheItem() {
    Pipeline.Builder b = Pipeline.builder().setName("p");
    var shards = b.addListParameter("shard_indices", ParameterType.NUMBER_INTEGER, List.of(0, 1));
    ParallelFor.Builder loop = ParallelFor.over(shards);
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Map<String, Object> spec =
        IrCompiler.compile(b.addNode(loop.addTask(produce).build()).build()).pipelineSpec();
    Map<?, ?> loopInputs =
        (Map<?, ?>)
            ((Map<?, ?>)
                    ((Map<?, ?>) ((Map<?, ?>) spec.get("components")).get("comp-for-loop-1"))
                        .get("inputDefinitions"))
                .get("parameters");
    assertThat(loopInputs.get("pipelinechannel--shard_indices-loop-item"))
        .isEqualTo(Map.of("parameterType", "NUMBER_INTEGER"));
    assertThat(loopInputs.get("pipelinechannel--shard_indices"))
        .isEqualTo(Map.of("parameterType", "LIST"));
  }

  @Test
  void untypedListItem_boundToAnIntegerInput_isRejectedNamingTaskInputAndBothTypes() {
    Pipeline.Builder b = Pipeline.builder().setName("p");
    var shards = b.addParameter("shard_indices", ParameterType.LIST, List.of(0, 1));
    ParallelFor.Builder loop = ParallelFor.over(shards);
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Pipeline p = b.addNode(loop.addTask(produce).build()).build();
    assertThatThrownBy(() -> IrCompiler.compile(p))
        .hasMessageContaining(
            "produce.n: the ParallelFor item pipelinechannel--shard_indices-loop-item is STRING"
                + " but input n is NUMBER_INTEGER");
  }

  @Test
  void stringListItem_boundToAnIntegerInput_isRejected() {
    Pipeline.Builder b = Pipeline.builder().setName("p");
    var names = b.addListParameter("names", ParameterType.STRING, List.of("a"));
    ParallelFor.Builder loop = ParallelFor.over(names);
    Task produce =
        Task.builder().setName("produce").setComponent(PRODUCE).optInput("n", loop.item()).build();
    Pipeline p = b.addNode(loop.addTask(produce).build()).build();
    assertThatThrownBy(() -> IrCompiler.compile(p))
        .hasMessageContaining("is STRING but input n is NUMBER_INTEGER");
  }
}
