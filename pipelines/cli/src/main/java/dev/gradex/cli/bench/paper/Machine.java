package dev.gradex.cli.bench.paper;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a benchmark ran on, as paper.json and tables.md state it. */
final class Machine {
  private Machine() {}

  /** Cores, memory, OS, Java and the load average at the time of the call. */
  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      m.put("memory_bytes", sun.getTotalMemorySize());
    }
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("load_average", os.getSystemLoadAverage());
    return m;
  }

  /** One line for tables.md. */
  static String line(Map<String, Object> m) {
    Object mem = m.get("memory_bytes");
    return String.format(
        "%s cores, %s memory, %s, %s, load average %.2f at the start",
        m.get("cores"),
        mem instanceof Long b ? String.format("%.1f GB", b / 1e9) : "unknown",
        m.get("os"),
        m.get("java"),
        (Double) m.get("load_average"));
  }
}
