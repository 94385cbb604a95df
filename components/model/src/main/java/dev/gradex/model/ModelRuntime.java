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

  /** The system property PyTorch's engine reads its intra-op thread count from, once. */
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  /** The system property PyTorch's engine reads its inter-op thread count from, once. */
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  private static boolean started;

  private ModelRuntime() {}

  /**
   * Sets the PyTorch engine's intra-op and inter-op thread counts; 0 leaves a count to PyTorch (one
   * per core). The engine reads them once, when it starts, so this must come before the first
   * tensor; afterwards a different request is refused rather than silently ignored.
   *
   * @throws InvalidInputException for a negative count
   * @throws IllegalStateException when the engine already runs with other counts
   */
  public static synchronized void setThreads(int intraOp, int interOp) {
    if (intraOp < 0 || interOp < 0) {
      throw new InvalidInputException(
          "threads", "thread counts must be >= 0 (got " + intraOp + ", " + interOp + ")");
    }
    if (started) {
      Threads now = threads();
      if ((intraOp > 0 && intraOp != now.intraOp()) || (interOp > 0 && interOp != now.interOp())) {
        throw new IllegalStateException(
            "the PyTorch engine already runs with "
                + now
                + "; threads are set once per process, before the engine starts");
      }
      return;
    }
    if (intraOp > 0) {
      System.setProperty(THREADS_PROPERTY, Integer.toString(intraOp));
    }
    if (interOp > 0) {
      System.setProperty(INTEROP_THREADS_PROPERTY, Integer.toString(interOp));
    }
  }

  /**
   * Thread counts to use unless asked otherwise: applied only if the engine has not started and the
   * user gave no {@code -Dai.djl.pytorch.num_threads} (or {@code num_interop_threads}) of their
   * own; never an error, so code that runs several commands in one process keeps working.
   */
  public static synchronized void defaultThreads(int intraOp, int interOp) {
    if (started) {
      return;
    }
    if (intraOp > 0 && System.getProperty(THREADS_PROPERTY) == null) {
      System.setProperty(THREADS_PROPERTY, Integer.toString(intraOp));
    }
    if (interOp > 0 && System.getProperty(INTEROP_THREADS_PROPERTY) == null) {
      System.setProperty(INTEROP_THREADS_PROPERTY, Integer.toString(interOp));
    }
  }

  /** Intra-op and inter-op threads of the PyTorch engine. */
  public record Threads(int intraOp, int interOp) {
    @Override
    public String toString() {
      return intraOp + " intra-op and " + interOp + " inter-op thread(s)";
    }
  }

  /** The engine's thread counts in effect (starts the engine). */
  public static synchronized Threads threads() {
    engine();
    return new Threads(
        ai.djl.pytorch.jni.JniUtils.getNumThreads(),
        ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
  }

  /** The PyTorch engine, with offline mode switched on first unless the user set it. */
  public static synchronized Engine engine() {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // DJL would otherwise report usage to its servers on first use of some modules.
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    NativeExitGuard.install();
    Engine e = Engine.getEngine(ENGINE);
    started = true;
    return e;
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
