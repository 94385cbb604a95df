package dev.gradex.component.settings;

import java.util.List;

/** A component program and the sections whose settings are its flags. */
public enum Component {
  META_TRAIN(
      "meta-train",
      List.of(Section.RUN, Section.DATA, Section.LORA, Section.TRAIN, Section.RUNTIME)),
  EXTRACT_GRADIENTS("extract-gradients", List.of(Section.DATA, Section.GRADIENTS, Section.RUNTIME)),
  ESTIMATE_SUBSETS("estimate-subsets", List.of(Section.RUN, Section.ESTIMATE)),
  FINE_TUNE(
      "fine-tune",
      List.of(Section.RUN, Section.DATA, Section.LORA, Section.FINE_TUNE, Section.RUNTIME));

  private final String command;
  private final List<Section> sections;

  Component(String command, List<Section> sections) {
    this.command = command;
    this.sections = sections;
  }

  /** The picocli command name. */
  public String command() {
    return command;
  }

  public List<Section> sections() {
    return sections;
  }

  /** The catalog settings given to this component as flags. */
  public List<Setting<?>> settings() {
    return Settings.all().stream()
        .filter(s -> s.surfaces().contains(Surface.CLI) && sections.contains(s.section()))
        .toList();
  }

  /** The component whose command is named {@code command}, or null. */
  public static Component byCommand(String command) {
    for (Component c : values()) {
      if (c.command.equals(command)) {
        return c;
      }
    }
    return null;
  }
}
