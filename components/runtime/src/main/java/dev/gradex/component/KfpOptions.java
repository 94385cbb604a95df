package dev.gradex.component;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --kfp-executor-input} option every component takes (a picocli mixin). Under KFP it is
 * {@code {{$}}}; outside KFP it is absent and the component writes only its {@code --*-out} paths.
 */
public final class KfpOptions {
  @Option(
      names = KfpExecutorInput.OPTION,
      paramLabel = "JSON",
      description =
          "KFP's executor input ({{$}}); the executor output file it names then lists every output"
              + " artifact. Omit outside KFP.")
  String executorInput;

  /**
   * The executor input, checked to name an output file and each of {@code outputs}; empty outside
   * KFP.
   */
  public Optional<KfpExecutorInput> require(List<String> outputs) {
    if (executorInput == null) {
      return Optional.empty();
    }
    return Optional.of(KfpExecutorInput.parse(executorInput).requireOutputs(outputs));
  }
}
