package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.PipelineParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The comment block the SDK writes above the YAML (name, description, inputs with defaults). */
final class Header {
  private Header() {}

  static String of(Pipeline p) {
    StringBuilder b =
        new StringBuilder("# PIPELINE DEFINITION\n# Name: ").append(p.name()).append('\n');
    p.description().ifPresent(d -> b.append("# Description: ").append(d).append('\n'));
    List<PipelineParameter> params = new ArrayList<>(p.parameters());
    params.sort(Comparator.comparing(PipelineParameter::name));
    if (!params.isEmpty()) {
      b.append("# Inputs:\n");
    }
    for (PipelineParameter param : params) {
      b.append("#    ").append(param.name()).append(": ").append(param.type().pythonName());
      if (param.defaultValue() != null) {
        b.append(" [Default: ")
            .append(python(Numbers.toProtoValue(param.defaultValue())))
            .append(']');
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Python's repr of a literal, as the SDK prints defaults. */
  static String python(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (v instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    if (v instanceof Double d) {
      return Numbers.pythonRepr(d);
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(e -> parts.add(python(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }
}
