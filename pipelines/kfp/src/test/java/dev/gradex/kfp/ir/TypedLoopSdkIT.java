package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.ParallelFor;
import dev.gradex.kfp.dsl.ParameterType;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.PipelineParameter;
import dev.gradex.kfp.dsl.Placeholders;
import dev.gradex.kfp.dsl.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ParallelFor over a {@code List[int]} pipeline parameter, compiled by the official kfp SDK and
 * by our compiler: the whole PipelineSpec must be equal, the loop item's NUMBER_INTEGER included
 * (the KFP driver converts each item to that declared type before type-checking the task's input).
 */
class TypedLoopSdkIT {
  private static final String PYTHON =
      """
      import sys
      from typing import List
      from kfp import dsl, compiler

      @dsl.container_component
      def extract(shard_index: int):
          return dsl.ContainerSpec(image="alpine", command=["echo"], args=[shard_index])

      @dsl.pipeline(name="typed-loop")
      def typed_loop(shard_indices: List[int] = [0, 1, 2, 3]):
          with dsl.ParallelFor(shard_indices, parallelism=4) as i:
              extract(shard_index=i)

      compiler.Compiler().compile(typed_loop, sys.argv[1])
      """;

  @Test
  void listOfIntLoop_compilesLikeTheSdk_withAnIntegerLoopItem(@TempDir Path tmp) throws Exception {
    Path script = Files.writeString(tmp.resolve("typed_loop.py"), PYTHON);
    Path sdkYaml = tmp.resolve("sdk.yaml");
    KfpFixtures.run(List.of(KfpFixtures.kfpPython(), script.toString(), sdkYaml.toString()));
    Map<String, Object> sdk = IrYaml.read(Files.readString(sdkYaml).split("\n---\n")[0]);

    Map<String, Object> ours = withoutSdkVersion(IrCompiler.compile(javaPipeline()).pipelineSpec());
    assertThat(ours).isEqualTo(withoutSdkVersion(sdk));
    assertThat(IrCompiler.compile(javaPipeline()).toYaml())
        .contains(
            "pipelinechannel--shard_indices-loop-item:\n          parameterType: NUMBER_INTEGER");
  }

  private static Pipeline javaPipeline() {
    ContainerComponent extract =
        ContainerComponent.builder()
            .setImage("alpine")
            .setCommand(List.of("echo"))
            .optInputParameter("shard_index", ParameterType.NUMBER_INTEGER)
            .optArgs(Placeholders.inputValue("shard_index"))
            .build();
    Pipeline.Builder p = Pipeline.builder().setName("typed-loop");
    PipelineParameter shards =
        p.addListParameter("shard_indices", ParameterType.NUMBER_INTEGER, List.of(0, 1, 2, 3));
    ParallelFor.Builder loop = ParallelFor.over(shards).optParallelism(4);
    Task.Builder task =
        Task.builder()
            .setName("extract")
            .setComponent(extract)
            .optInput("shard_index", loop.item());
    return p.addNode(loop.addTask(task.build()).build()).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutSdkVersion(Map<String, Object> doc) {
    Map<String, Object> copy = new HashMap<>((Map<String, Object>) IrShapeTest.roundTrip(doc));
    copy.remove("sdkVersion");
    return copy;
  }
}
