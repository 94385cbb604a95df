package dev.gradex.model.gradients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux); NaN elsewhere. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Current resident set (VmRSS) in MiB. */
  public static double rssMb() {
    return field("VmRSS:");
  }

  /** Peak resident set (VmHWM) in MiB. */
  public static double peakRssMb() {
    return field("VmHWM:");
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
