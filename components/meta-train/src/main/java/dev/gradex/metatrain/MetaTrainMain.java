package dev.gradex.metatrain;

import dev.gradex.component.CommandLines;

/** Entry point of the meta-train container image. */
public final class MetaTrainMain {
  private MetaTrainMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new MetaTrainCommand(), args));
  }
}
