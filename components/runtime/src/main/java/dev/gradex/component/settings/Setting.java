package dev.gradex.component.settings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One setting, described once: its section and lowerCamel name (the run.yaml key), type, default,
 * help and constraint, and the front-ends that take it. Every front-end name is derived by a fixed
 * rule (docs/configuration.md): run.yaml {@code section.name}, flag {@code --kebab-name} ({@code
 * --section-kebab-name} for a {@link Section#flagPrefixed()} section), KFP pipeline parameter
 * {@code snake_section_snake_name}, KFP component input the flag in snake_case.
 *
 * <p>A <em>soft</em> default is applied where the value is used rather than written into the
 * front-end's field, because "not given" means more there: the PyTorch thread counts yield to a
 * system property and to an engine already running, and the norm cap applies only where the store
 * records ||theta*||.
 *
 * @param <T> Integer, Long, Double, Boolean or String
 */
public final class Setting<T> {
  private static final Set<Class<?>> TYPES =
      Set.of(Integer.class, Long.class, Double.class, Boolean.class, String.class);

  private final Section section;
  private final String name;
  private final Class<T> type;
  private final T defaultValue;
  private final String help;
  private final Constraint constraint;
  private final Set<Surface> surfaces;
  private final boolean soft;

  private Setting(Builder<T> b) {
    this.section = b.section;
    this.name = b.name;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.help = b.help;
    this.constraint = b.constraint;
    this.surfaces = Set.copyOf(b.surfaces);
    this.soft = b.soft;
  }

  /** A setting of {@code section} named {@code name} (lowerCamel) of {@code type}. */
  public static <T> Builder<T> builder(Section section, String name, Class<T> type) {
    return new Builder<>(section, name, type);
  }

  public Section section() {
    return section;
  }

  /** The lowerCamel name within its section. */
  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** The default as a front-end writes it ({@code 0.001}, {@code true}, {@code best-prefix}). */
  public String defaultText() {
    return String.valueOf(defaultValue);
  }

  /** One sentence or two, without the default (each front-end appends it its own way). */
  public String help() {
    return help;
  }

  public Constraint constraint() {
    return constraint;
  }

  public Set<Surface> surfaces() {
    return surfaces;
  }

  /** Whether the default is applied where the value is used (see the class comment). */
  public boolean soft() {
    return soft;
  }

  /** {@code value} if given, else the default. */
  public T orDefault(T value) {
    return value == null ? defaultValue : value;
  }

  /** Why {@code value} is refused, or null ({@code null} is accepted: the default). */
  public String problem(T value) {
    return value == null ? null : constraint.problem(value);
  }

  /** The run.yaml key: {@code section.name}, or {@code name} at the top level. */
  public String yamlKey() {
    return section.key().isEmpty() ? name : section.key() + "." + name;
  }

  /** The component flag: {@code --kebab-name}, or {@code --section-kebab-name} if prefixed. */
  public String flag() {
    return "--" + (section.flagPrefixed() ? kebab(section.key()) + "-" : "") + kebab(name);
  }

  /** The KFP component input: the flag in snake_case ({@code --lora-rank}: {@code lora_rank}). */
  public String inputName() {
    return flag().substring(2).replace('-', '_');
  }

  /** The KFP pipeline parameter: {@code snake(section)_snake(name)}, or {@code snake(name)}. */
  public String kfpName() {
    return section.key().isEmpty() ? snake(name) : snake(section.key()) + "_" + snake(name);
  }

  @Override
  public String toString() {
    return yamlKey();
  }

  /** {@code maxSeqLength}: {@code max-seq-length}. */
  static String kebab(String lowerCamel) {
    return lowerCamel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** {@code fineTune}: {@code fine_tune}. */
  static String snake(String lowerCamel) {
    return kebab(lowerCamel).replace('-', '_');
  }

  /** Builds a {@link Setting}; {@link #build()} reports every missing or bad field at once. */
  public static final class Builder<T> {
    private final Section section;
    private final String name;
    private final Class<T> type;
    private T defaultValue;
    private String help;
    private Constraint constraint = Constraint.NONE;
    private Set<Surface> surfaces = EnumSet.allOf(Surface.class);
    private boolean soft;

    private Builder(Section section, String name, Class<T> type) {
      this.section = section;
      this.name = name;
      this.type = type;
    }

    public Builder<T> setDefault(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> setHelp(String help) {
      this.help = help;
      return this;
    }

    public Builder<T> optConstraint(Constraint constraint) {
      this.constraint = constraint;
      return this;
    }

    /** The front-ends that take it (default: all). */
    public Builder<T> optSurfaces(Surface first, Surface... rest) {
      this.surfaces = EnumSet.of(first, rest);
      return this;
    }

    public Builder<T> optSoft() {
      this.soft = true;
      return this;
    }

    public Setting<T> build() {
      List<String> bad = new ArrayList<>();
      if (section == null) {
        bad.add("section is required");
      }
      if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
        bad.add("name must be lowerCamel (got " + name + ")");
      }
      if (type == null || !TYPES.contains(type)) {
        bad.add("type must be Integer, Long, Double, Boolean or String (got " + type + ")");
      }
      if (defaultValue == null) {
        bad.add("default is required");
      }
      if (help == null || help.isBlank()) {
        bad.add("help is required");
      }
      if (defaultValue != null && constraint.problem(defaultValue) != null) {
        bad.add("default " + defaultValue + " " + constraint.problem(defaultValue));
      }
      if (!bad.isEmpty()) {
        throw new IllegalArgumentException(
            "setting " + section + "." + name + ": " + String.join("; ", bad));
      }
      return new Setting<>(this);
    }
  }
}
