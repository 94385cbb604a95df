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

  /** No file that marks an output complete; every file left is hidden (a temp or scratch file). */
  static void assertNothingLooksComplete(SmallDisk.Outcome o) {
    for (String f : o.regularFiles()) {
      String name = Path.of(f).getFileName().toString();
      assertThat(COMPLETE_MARKERS)
          .as("%s left on the full disk: %s", f, o.files())
          .doesNotContain(name);
      assertThat(Arrays.stream(f.split("/")).anyMatch(part -> part.startsWith(".")))
          .as("%s left on the full disk is not a hidden temp or scratch file: %s", f, o.files())
          .isTrue();
    }
  }
}
