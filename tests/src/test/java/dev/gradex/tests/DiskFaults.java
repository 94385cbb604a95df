package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** What every command must do when its output's disk is full or read-only (docs/reliability.md). */
final class DiskFaults {
  /** Files whose presence says "this output is complete" to a reader or an orchestrator. */
  static final Set<String> COMPLETE_MARKERS =
      Set.of(
          "selection.json",
          "manifest.json",
          "adapter_model.safetensors",
          "adapter_config.json",
          "model.safetensors",
          "_SUCCESS");

  private DiskFaults() {}

  /**
   * Exit 2 and one {@code error:} line naming {@code path} (or a file under it) and the OS's {@code
   * reason}; no stack trace.
   */
  static void assertFailedCleanly(SmallDisk.Outcome o, Path path, String reason) {
    assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
    List<String> errors = o.output().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(o.output()).hasSize(1);
    assertThat(errors.get(0)).contains(path.toString()).contains(reason);
    System.out.println(
        "DiskFaults: exit " + o.exitCode() + ", " + errors.get(0) + "; left " + o.files());
    assertThat(o.output()).doesNotContain("\tat ").doesNotContain("unexpected failure");
  }

  /**
   * Only hidden scratch is left (temporary {@code .tmp-} files, {@code .partial/} journals, {@code
   * .checkpoints/} to resume from): no file a reader would take for an output.
   */
  static void assertNothingLooksComplete(SmallDisk.Outcome o) {
    for (String f : o.regularFiles()) {
      assertThat(Arrays.stream(f.split("/")).anyMatch(part -> part.startsWith(".")))
          .as("%s left on the full disk is not hidden scratch: %s", f, o.files())
          .isTrue();
    }
  }

  /**
   * Where a run stopped midway, each stage directory outside hidden scratch that holds a result
   * file ({@link #COMPLETE_MARKERS}) also holds its {@code manifest.json} (a model directory its
   * {@code config.json}): the stages finished before the disk filled are complete, the one that was
   * writing left no result.
   */
  static void assertOnlyFinishedStagesHoldResults(SmallDisk.Outcome o) {
    for (String f : o.regularFiles()) {
      Path p = Path.of(f);
      boolean scratch = Arrays.stream(f.split("/")).anyMatch(part -> part.startsWith("."));
      String name = p.getFileName().toString();
      if (!scratch && COMPLETE_MARKERS.contains(name)) {
        // a Hugging Face model directory is published whole, config.json included
        String manifest =
            p.resolveSibling(name.equals("model.safetensors") ? "config.json" : "manifest.json")
                .toString();
        assertThat(o.files())
            .as("%s is left without %s: %s", f, manifest, o.files())
            .containsKey(manifest);
      }
    }
  }
}
