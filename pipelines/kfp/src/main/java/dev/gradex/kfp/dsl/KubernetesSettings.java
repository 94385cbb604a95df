package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes platform settings of one task (the IR's {@code platforms.kubernetes} document): PVC
 * and emptyDir mounts, node selector, tolerations, secrets exposed as environment variables and the
 * container's user (kfp-kubernetes {@code KubernetesExecutorConfig}, KFP 2.17).
 */
public final class KubernetesSettings {
  /** Mounts the existing claim {@code claimName} at {@code mountPath}. */
  public record PvcMount(String claimName, String mountPath) {}

  /** An empty directory named {@code volumeName} mounted at {@code mountPath} (the pod's life). */
  public record EmptyDirMount(String volumeName, String mountPath) {}

  /**
   * The user the step's container runs as: KFP 2.17's {@code SecurityContext} carries exactly these
   * three fields (its driver always drops every capability besides; no read-only root).
   */
  public record RunAs(long user, long group, boolean nonRoot) {}

  /** A pod toleration; {@code value} is null for operator {@code Exists}. */
  public record Toleration(String key, String operator, String value, String effect) {
    /** Tolerates the taint {@code key} whatever its value, with effect NoSchedule. */
    public static Toleration exists(String key) {
      return new Toleration(key, "Exists", null, "NoSchedule");
    }
  }

  /** Exposes keys of secret {@code secretName} as environment variables (key -> variable). */
  public record SecretAsEnv(String secretName, Map<String, String> keyToEnv, boolean optional) {
    public SecretAsEnv {
      keyToEnv = Collections.unmodifiableMap(new TreeMap<>(keyToEnv));
    }
  }

  private static final KubernetesSettings NONE = builder().build();

  private final List<PvcMount> pvcMounts;
  private final Map<String, String> nodeSelector;
  private final List<Toleration> tolerations;
  private final List<SecretAsEnv> secretsAsEnv;
  private final List<EmptyDirMount> emptyDirMounts;
  private final RunAs runAs;

  private KubernetesSettings(Builder b) {
    pvcMounts = List.copyOf(b.pvcMounts);
    nodeSelector = Collections.unmodifiableMap(new TreeMap<>(b.nodeSelector));
    tolerations = List.copyOf(b.tolerations);
    secretsAsEnv = List.copyOf(b.secretsAsEnv);
    emptyDirMounts = List.copyOf(b.emptyDirMounts);
    runAs = b.runAs;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No platform settings. */
  public static KubernetesSettings none() {
    return NONE;
  }

  public boolean isEmpty() {
    return pvcMounts.isEmpty()
        && nodeSelector.isEmpty()
        && tolerations.isEmpty()
        && secretsAsEnv.isEmpty()
        && emptyDirMounts.isEmpty()
        && runAs == null;
  }

  public List<PvcMount> pvcMounts() {
    return pvcMounts;
  }

  public Map<String, String> nodeSelector() {
    return nodeSelector;
  }

  public List<Toleration> tolerations() {
    return tolerations;
  }

  public List<SecretAsEnv> secretsAsEnv() {
    return secretsAsEnv;
  }

  public List<EmptyDirMount> emptyDirMounts() {
    return emptyDirMounts;
  }

  /** The container's user, or null for the image's. */
  public RunAs runAs() {
    return runAs;
  }

  /** Builder: every setting is optional. */
  public static final class Builder {
    private final List<PvcMount> pvcMounts = new ArrayList<>();
    private final Map<String, String> nodeSelector = new TreeMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private final List<SecretAsEnv> secretsAsEnv = new ArrayList<>();
    private final List<EmptyDirMount> emptyDirMounts = new ArrayList<>();
    private RunAs runAs;

    private Builder() {}

    public Builder optPvcMount(String claimName, String mountPath) {
      pvcMounts.add(new PvcMount(claimName, mountPath));
      return this;
    }

    public Builder optNodeSelector(String label, String value) {
      nodeSelector.put(label, value);
      return this;
    }

    public Builder optToleration(Toleration toleration) {
      tolerations.add(toleration);
      return this;
    }

    public Builder optSecretAsEnv(String secretName, Map<String, String> keyToEnv) {
      return optSecretAsEnv(secretName, keyToEnv, false);
    }

    /** As above; an optional secret may be missing from the cluster (the variables stay unset). */
    public Builder optSecretAsEnv(
        String secretName, Map<String, String> keyToEnv, boolean optional) {
      secretsAsEnv.add(new SecretAsEnv(secretName, keyToEnv, optional));
      return this;
    }

    public Builder optEmptyDirMount(String volumeName, String mountPath) {
      emptyDirMounts.add(new EmptyDirMount(volumeName, mountPath));
      return this;
    }

    /** Runs the container as {@code user}:{@code group}, refused by the kubelet if either is 0. */
    public Builder optRunAsNonRoot(long user, long group) {
      runAs = new RunAs(user, group, true);
      return this;
    }

    public KubernetesSettings build() {
      Problems p = new Problems("kubernetes settings");
      for (PvcMount m : pvcMounts) {
        p.name("PVC claim name", m.claimName())
            .check(
                m.mountPath() != null && m.mountPath().startsWith("/"),
                "PVC mount path '" + m.mountPath() + "' must be absolute");
      }
      List<String> mountPaths = new ArrayList<>();
      pvcMounts.forEach(m -> mountPaths.add(m.mountPath()));
      for (EmptyDirMount m : emptyDirMounts) {
        p.name("emptyDir volume name", m.volumeName())
            .check(
                m.mountPath() != null && m.mountPath().startsWith("/"),
                "emptyDir mount path '" + m.mountPath() + "' must be absolute");
        mountPaths.add(m.mountPath());
      }
      p.check(
          mountPaths.stream().distinct().count() == mountPaths.size(),
          "two volumes mounted at one path: " + mountPaths);
      if (runAs != null) {
        p.check(
            runAs.user() > 0 && runAs.group() > 0,
            "run-as user and group must be positive (not root), got "
                + runAs.user()
                + ":"
                + runAs.group());
      }
      for (Toleration t : tolerations) {
        p.check(
            List.of("Exists", "Equal").contains(t.operator()),
            "toleration operator '" + t.operator() + "' must be Exists or Equal");
      }
      for (SecretAsEnv s : secretsAsEnv) {
        p.name("secret name", s.secretName())
            .check(!s.keyToEnv().isEmpty(), "secret " + s.secretName() + " maps no keys");
      }
      p.throwIfAny();
      return new KubernetesSettings(this);
    }
  }
}
