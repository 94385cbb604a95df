package dev.gradex.kfp.dsl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildersTest {
  private static final ContainerComponent ECHO =
      ContainerComponent.builder()
          .setImage("busybox")
          .setCommand(List.of("echo"))
          .optInputParameter("msg", ParameterType.STRING)
          .optInputArtifact("data", ArtifactType.DATASET)
          .optArgs(Placeholders.inputValue("msg"), Placeholders.inputPath("data"))
          .build();

  @Test
  void componentBuild_withNothingSet_reportsEveryMissingFieldAtOnce() {
    assertThatThrownBy(() -> ContainerComponent.builder().build())
        .hasMessageContaining("image is required (setImage)")
        .hasMessageContaining("command is required (setCommand)");
  }

  @Test
  void componentBuild_withUndeclaredPlaceholder_namesThePlaceholder() {
    assertThatThrownBy(
            () ->
                ContainerComponent.builder()
                    .setImage("busybox")
                    .setCommand(List.of("cat"))
                    .optArgs(Placeholders.outputPath("nope"))
                    .build())
        .hasMessageContaining("undeclared placeholder {{$.outputs.artifacts['nope'].path}}");
  }

  @Test
  void taskBuild_withUnboundAndUnknownInputs_namesBoth() {
    assertThatThrownBy(
            () ->
                Task.builder()
                    .setName("t")
                    .setComponent(ECHO)
                    .optConstant("msg", "hi")
                    .optConstant("extra", 1)
                    .build())
        .hasMessageContaining("inputs not bound: [data]")
        .hasMessageContaining("inputs not declared by the component: [extra]");
  }

  @Test
  void taskBuild_withUpperCaseName_rejectsTheName() {
    assertThatThrownBy(() -> Task.builder().setName("Bad_Name").setComponent(ECHO).build())
        .hasMessageContaining("name 'Bad_Name' must match");
  }

  @Test
  void taskBuild_withArtifactOfWrongType_namesTheInput() {
    Importer model =
        Importer.builder()
            .setName("m")
            .setUri(Value.constant("s3://b/m"))
            .setType(ArtifactType.MODEL)
            .build();
    assertThatThrownBy(
            () ->
                Task.builder()
                    .setName("t")
                    .setComponent(ECHO)
                    .optConstant("msg", "hi")
                    .optInput("data", model.output())
                    .build())
        .hasMessageContaining("artifact input data needs a DATASET output");
  }

  @Test
  void resourcesBuild_withBadQuantities_namesEachField() {
    assertThatThrownBy(() -> Resources.builder().optCpu("two", null).optMemory("8XB", null).build())
        .hasMessageContaining("cpu request 'two'")
        .hasMessageContaining("memory request '8XB'");
  }

  @Test
  void pipelineParameter_withDefaultOfWrongType_namesTheParameter() {
    assertThatThrownBy(() -> PipelineParameter.of("k", ParameterType.NUMBER_INTEGER, "4"))
        .hasMessageContaining("pipeline parameter k")
        .hasMessageContaining("is not a NUMBER_INTEGER");
  }

  @Test
  void listParameter_withDefaultElementsOfWrongType_namesEveryBadElement() {
    assertThatThrownBy(
            () -> PipelineParameter.listOf("k", ParameterType.NUMBER_INTEGER, List.of(0, "1", 2.5)))
        .hasMessageContaining("pipeline parameter k")
        .hasMessageContaining("default element 1 is not a NUMBER_INTEGER")
        .hasMessageContaining("default element 2.5 is not a NUMBER_INTEGER");
  }

  @Test
  void elementType_onANonListOrNested_isRefusedWithEveryProblemAtOnce() {
    assertThatThrownBy(
            () -> new PipelineParameter("k", ParameterType.STRING, ParameterType.LIST, "x"))
        .hasMessageContaining("element type LIST needs type LIST")
        .hasMessageContaining("element type must not be LIST");
  }

  @Test
  void kubernetesSettings_withRootUserRelativeAndDoubleMounts_namesEachProblem() {
    assertThatThrownBy(
            () ->
                KubernetesSettings.builder()
                    .optRunAsNonRoot(0, 65532)
                    .optPvcMount("cache", "/cache")
                    .optEmptyDirMount("scratch", "/cache")
                    .optEmptyDirMount("Tmp", "tmp")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-as user and group must be positive (not root), got 0:65532")
        .hasMessageContaining("two volumes mounted at one path: [/cache, /cache, tmp]")
        .hasMessageContaining("emptyDir mount path 'tmp' must be absolute")
        .hasMessageContaining("emptyDir volume name 'Tmp' must match");
  }
}
