package dev.gradex.extract;

import dev.gradex.component.CommandLines;

/** Entry point of the merge step (same image as extract-gradients). */
public final class MergeStoreMain {
  private MergeStoreMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.run(new MergeStoreCommand(), args));
  }
}
