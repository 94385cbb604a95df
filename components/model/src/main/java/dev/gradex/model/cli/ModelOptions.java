package dev.gradex.model.cli;

import dev.gradex.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options and error handling shared by the model subcommands. */
abstract class ModelOptions implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Hugging Face model directory (config.json, *.safetensors, tokenizer.json).")
  Path model;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  /** The command's work; may throw {@link InvalidInputException}. */
  abstract void run(PrintWriter out) throws Exception;

  @Override
  public final Integer call() {
    return ExitCodes.of(
        spec,
        out -> {
          if (!Files.isDirectory(model)) {
            throw new InvalidInputException(model.toString(), "not a directory");
          }
          run(out);
        });
  }
}
