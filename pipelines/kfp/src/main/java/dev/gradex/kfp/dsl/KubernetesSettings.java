package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes platform settings of one task (the IR's {@code platforms.kubernetes} document): PVC
 * mounts, node selector, tolerations and secrets exposed as environment variables.
 */
public final class KubernetesSettings {
  /** Mounts the existing claim {@code claimName} at {@code mountPath}. */
  public record PvcMount(String claimName, String mountPath) {}

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

  private KubernetesSettings(Builder b) {
    pvcMounts = List.copyOf(b.pvcMounts);
    nodeSelector = Collections.unmodifiableMap(new TreeMap<>(b.nodeSelector));
    tolerations = List.copyOf(b.tolerations);
    secretsAsEnv = List.copyOf(b.secretsAsEnv);
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
        && secretsAsEnv.isEmpty();
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

  /** Builder: every setting is optional. */
  public static final class Builder {
    private final List<PvcMount> pvcMounts = new ArrayList<>();
    private final Map<String, String> nodeSelector = new TreeMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private final List<SecretAsEnv> secretsAsEnv = new ArrayList<>();

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

    public KubernetesSettings build() {
      Problems p = new Problems("kubernetes settings");
      for (PvcMount m : pvcMounts) {
        p.name("PVC claim name", m.claimName())
            .check(
                m.mountPath() != null && m.mountPath().startsWith("/"),
                "PVC mount path '" + m.mountPath() + "' must be absolute");
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
