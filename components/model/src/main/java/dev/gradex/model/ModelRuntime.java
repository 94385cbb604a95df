package dev.gradex.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import java.util.Locale;

/**
 * Starts DJL's PyTorch engine in offline mode (natives come from the {@code pytorch-native-*} jar
 * on the class path; nothing is downloaded at run time) and resolves the device setting.
 */
public final class ModelRuntime {
  /** The DJL engine name used throughout. */
  public static final String ENGINE = "PyTorch";

  private ModelRuntime() {}

  /** The PyTorch engine, with offline mode switched on first unless the user set it. */
  public static synchronized Engine engine() {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // DJL would otherwise report usage to its servers on first use of some modules.
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    return Engine.getEngine(ENGINE);
  }

  /**
   * Parses a device setting: {@code cpu}, {@code gpu} (first GPU), {@code gpu:N} or {@code auto} (a
   * GPU when one is visible, else the CPU).
   */
  public static Device device(String spec) {
    Engine engine = engine();
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("cpu")) {
      return Device.cpu();
    }
    int gpus = engine.getGpuCount();
    if (s.equals("auto")) {
      return gpus > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (s.equals("gpu") || s.startsWith("gpu:") || s.startsWith("cuda")) {
      int id = 0;
      int colon = s.indexOf(':');
      if (colon >= 0) {
        try {
          id = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              "device", "'" + spec + "' is not cpu, gpu, gpu:N or auto");
        }
      }
      if (id >= gpus) {
        throw new InvalidInputException(
            "device",
            "'" + spec + "' requested but " + gpus + " GPU(s) are visible to the PyTorch engine");
      }
      return Device.gpu(id);
    }
    throw new InvalidInputException("device", "'" + spec + "' is not cpu, gpu, gpu:N or auto");
  }

  /** A new root manager on {@code device}; close it to free every tensor created under it. */
  public static NDManager newManager(Device device) {
    return NDManager.newBaseManager(device, engine().getEngineName());
  }
}
