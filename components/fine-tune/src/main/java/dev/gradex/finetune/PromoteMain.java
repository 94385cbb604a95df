package dev.gradex.finetune;

import dev.gradex.component.CommandLines;

/** Entry point of the promotion step (same image as fine-tune). */
public final class PromoteMain {
  private PromoteMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new PromoteCommand(), args));
  }
}
