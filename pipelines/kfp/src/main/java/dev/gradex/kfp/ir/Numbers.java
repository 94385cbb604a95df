package dev.gradex.kfp.ir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Number conventions of the IR: protobuf {@code Value} holds only doubles, so integers are written
 * as {@code 4.0}; Kubernetes quantities also get the SDK's derived numeric fields.
 */
final class Numbers {
  private Numbers() {}

  /** Converts a literal to its protobuf-Value form (integers become doubles, recursively). */
  static Object toProtoValue(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(toProtoValue(e)));
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, e) -> out.put(String.valueOf(k), toProtoValue(e)));
      return out;
    }
    return v;
  }

  /** CPU quantity in cores: {@code "500m"} is 0.5. */
  static double cpu(String quantity) {
    if (quantity.endsWith("m")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000;
    }
    return Double.parseDouble(quantity);
  }

  /** Memory quantity in (decimal) gigabytes, as the SDK computes it. */
  static double memoryGb(String quantity) {
    String[][] units = {
      {"Ei", "1152921504606846976"},
      {"Pi", "1125899906842624"},
      {"Ti", "1099511627776"},
      {"Gi", "1073741824"},
      {"Mi", "1048576"},
      {"Ki", "1024"},
      {"E", "1e18"},
      {"P", "1e15"},
      {"T", "1e12"},
      {"G", "1e9"},
      {"M", "1e6"},
      {"K", "1e3"}
    };
    for (String[] unit : units) {
      if (quantity.endsWith(unit[0])) {
        BigDecimal number =
            new BigDecimal(quantity.substring(0, quantity.length() - unit[0].length()));
        return number.multiply(new BigDecimal(unit[1])).movePointLeft(9).doubleValue();
      }
    }
    return new BigDecimal(quantity).movePointLeft(9).doubleValue();
  }

  /**
   * A double as Python's {@code repr} writes it (the SDK's YAML): {@code 4.0}, {@code 0.0001},
   * {@code 1.0e-05}.
   */
  static String pythonRepr(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return new BigDecimal(d).toPlainString() + ".0";
    }
    double abs = Math.abs(d);
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-4 && abs < 1e16) {
      return exact.toPlainString();
    }
    int exponent = exact.precision() - exact.scale() - 1;
    String mantissa = exact.movePointLeft(exponent).toPlainString();
    if (!mantissa.contains(".")) {
      mantissa += ".0"; // PyYAML's float representer does the same so the value stays a float
    }
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
