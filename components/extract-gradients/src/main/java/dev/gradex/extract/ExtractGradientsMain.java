package dev.gradex.extract;

import dev.gradex.component.CommandLines;

/** Entry point of the extract-gradients container image. */
public final class ExtractGradientsMain {
  private ExtractGradientsMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new ExtractGradientsCommand(), args));
  }
}
