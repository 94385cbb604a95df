package dev.gradex.kfp.dsl;

/** KFP parameter types, named as in the IR ({@code parameterType}). */
public enum ParameterType {
  STRING("str"),
  NUMBER_INTEGER("int"),
  NUMBER_DOUBLE("float"),
  BOOLEAN("bool"),
  LIST("list"),
  STRUCT("dict");

  private final String pythonName;

  ParameterType(String pythonName) {
    this.pythonName = pythonName;
  }

  /** The Python type name the official SDK prints in the YAML header. */
  public String pythonName() {
    return pythonName;
  }
}
