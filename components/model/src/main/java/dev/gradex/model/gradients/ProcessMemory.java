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

  /**
   * Resets the peak resident set to the current one (Linux 4.0+: {@code 5} written to {@code
   * /proc/self/clear_refs}); false where that is not possible, and then {@link #peakRssMb} keeps
   * the process's peak.
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
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
