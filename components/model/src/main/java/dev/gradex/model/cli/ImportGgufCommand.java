package dev.gradex.model.cli;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.OutputLock;
import dev.gradex.model.gguf.GgmlType;
import dev.gradex.model.gguf.GgufImporter;
import dev.gradex.model.gguf.ImportSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradex model import-gguf}: a Llama-family GGUF file to a Hugging Face directory. */
@Command(
    name = "import-gguf",
    mixinStandardHelpOptions = true,
    description =
        "Convert a Llama-family GGUF file (F32/F16/BF16, Q4_0/1, Q5_0/1, Q8_0, Q4_K/Q5_K/Q6_K)"
            + " into a Hugging Face directory: float32 model.safetensors, config.json,"
            + " tokenizer.json.")
final class ImportGgufCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.gguf", description = "The GGUF file.")
  Path file;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to create (must not exist or be empty).")
  Path out;

  @Override
  public Integer call() {
    return ExitCodes.of(
        spec,
        o -> {
          if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), "no such file");
          }
          long start = System.nanoTime();
          // one writer per --out: a second import into it is refused before it writes
          try (OutputLock lock = OutputLock.acquire(out)) {
            ImportSummary s = GgufImporter.importModel(file, out);
            print(o, s, (System.nanoTime() - start) / 1e9);
          }
        });
  }

  private static void print(PrintWriter o, ImportSummary s, double seconds) {
    o.printf("imported   %s%n", s.name().isEmpty() ? "(unnamed)" : s.name());
    o.printf("arch       %s%n", s.architecture());
    o.printf("layers     %d%n", s.layers());
    o.printf("hidden     %d%n", s.hiddenSize());
    o.printf("heads      %d (kv %d)%n", s.heads(), s.kvHeads());
    o.printf("vocab      %d%n", s.vocabSize());
    o.printf("tied       %s%n", s.tiedEmbeddings());
    o.printf("parameters %d%n", s.parameters());
    o.printf("quant      %s%n", types(s.tensorTypes()));
    o.printf("out        %s (%.1f s)%n", s.out(), seconds);
  }

  private static String types(Map<GgmlType, Integer> types) {
    return types.entrySet().stream()
        .map(e -> e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
