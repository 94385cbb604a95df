package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.dsl.ContainerComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's conventions hold for every component (see the GradexComponents Javadoc). */
class GradexComponentsTest {
  private static final GradexComponents C = new GradexComponents(ImageNames.defaults());
  private static final Map<String, ContainerComponent> ALL =
      Map.of(
          "meta-train", C.metaTrain(),
          "extract-gradients", C.extractGradients(),
          "merge-stores", C.mergeStores(),
          "estimate-subsets", C.estimateSubsets(),
          "fine-tune", C.fineTune(),
          "promote", C.promote());

  @Test
  void everyComponent_receivesTheExecutorInputOnce() {
    ALL.forEach(
        (name, c) -> {
          List<String> args = c.args();
          int i = args.indexOf("--kfp-executor-input");
          assertThat(i).as(name).isGreaterThanOrEqualTo(0);
          assertThat(args.get(i + 1)).as(name).isEqualTo("{{$}}");
          assertThat(args.lastIndexOf("--kfp-executor-input")).as(name).isEqualTo(i);
        });
  }

  @Test
  void noComponent_passesAListOfArtifactsPlaceholder_theOssBackendLeavesItUnsubstituted() {
    ALL.forEach(
        (name, c) -> {
          for (String list : c.listInputs()) {
            assertThat(c.args())
                .as(name + " reads '" + list + "' from the executor input")
                .noneMatch(a -> a.contains("['" + list + "']}}"));
          }
        });
    assertThat(C.mergeStores().listInputs()).containsExactly("shards");
    assertThat(C.mergeStores().args()).doesNotContain("--shards");
  }
}
