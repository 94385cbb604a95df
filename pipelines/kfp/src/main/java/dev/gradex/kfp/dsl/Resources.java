package dev.gradex.kfp.dsl;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CPU, memory and accelerator requests and limits of a task, in Kubernetes quantity syntax (CPU
 * {@code "2"} or {@code "500m"}; memory {@code "8Gi"} or {@code "8G"}).
 */
public final class Resources {
  static final Pattern CPU = Pattern.compile("([0-9]+(\\.[0-9]+)?|[0-9]+m)");
  static final Pattern MEMORY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?");

  private final String cpuRequest;
  private final String cpuLimit;
  private final String memoryRequest;
  private final String memoryLimit;
  private final String acceleratorType;
  private final int acceleratorCount;

  private Resources(Builder b) {
    cpuRequest = b.cpuRequest;
    cpuLimit = b.cpuLimit;
    memoryRequest = b.memoryRequest;
    memoryLimit = b.memoryLimit;
    acceleratorType = b.acceleratorType;
    acceleratorCount = b.acceleratorCount;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> cpuRequest() {
    return Optional.ofNullable(cpuRequest);
  }

  public Optional<String> cpuLimit() {
    return Optional.ofNullable(cpuLimit);
  }

  public Optional<String> memoryRequest() {
    return Optional.ofNullable(memoryRequest);
  }

  public Optional<String> memoryLimit() {
    return Optional.ofNullable(memoryLimit);
  }

  /** The accelerator resource name, e.g. {@code nvidia.com/gpu}. */
  public Optional<String> acceleratorType() {
    return Optional.ofNullable(acceleratorType);
  }

  public int acceleratorCount() {
    return acceleratorCount;
  }

  /** Builder: every field is optional; quantities are checked against Kubernetes syntax. */
  public static final class Builder {
    private String cpuRequest;
    private String cpuLimit;
    private String memoryRequest;
    private String memoryLimit;
    private String acceleratorType;
    private int acceleratorCount;

    private Builder() {}

    public Builder optCpu(String request, String limit) {
      cpuRequest = request;
      cpuLimit = limit;
      return this;
    }

    public Builder optMemory(String request, String limit) {
      memoryRequest = request;
      memoryLimit = limit;
      return this;
    }

    public Builder optAccelerator(String type, int count) {
      acceleratorType = type;
      acceleratorCount = count;
      return this;
    }

    public Resources build() {
      Problems p = new Problems("resources");
      cpu(p, "cpu request", cpuRequest);
      cpu(p, "cpu limit", cpuLimit);
      memory(p, "memory request", memoryRequest);
      memory(p, "memory limit", memoryLimit);
      p.check(
          acceleratorType == null || acceleratorCount > 0,
          "accelerator count must be positive, got " + acceleratorCount);
      p.throwIfAny();
      return new Resources(this);
    }

    private static void cpu(Problems p, String field, String value) {
      p.check(
          value == null || CPU.matcher(value).matches(),
          field + " '" + value + "' is not a CPU quantity (e.g. 2, 0.5, 500m)");
    }

    private static void memory(Problems p, String field, String value) {
      p.check(
          value == null || MEMORY.matcher(value).matches(),
          field + " '" + value + "' is not a memory quantity (e.g. 8Gi, 512M)");
    }
  }
}
