package dev.gradex.finetune;

import dev.gradex.component.CommandLines;

/** Entry point of the fine-tune container image. */
public final class FineTuneMain {
  private FineTuneMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new FineTuneCommand(), args));
  }
}
