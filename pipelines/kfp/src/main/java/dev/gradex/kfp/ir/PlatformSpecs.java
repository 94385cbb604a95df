package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.KubernetesSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds one executor's entry of the {@code platforms.kubernetes} document. */
final class PlatformSpecs {
  private PlatformSpecs() {}

  static Map<String, Object> executor(KubernetesSettings k) {
    Map<String, Object> out = new TreeMap<>();
    if (!k.nodeSelector().isEmpty()) {
      out.put("nodeSelector", Map.of("labels", new TreeMap<>(k.nodeSelector())));
    }
    if (!k.pvcMounts().isEmpty()) {
      List<Object> mounts = new ArrayList<>();
      for (KubernetesSettings.PvcMount m : k.pvcMounts()) {
        Map<String, Object> mount = new TreeMap<>();
        mount.put("constant", m.claimName());
        mount.put("mountPath", m.mountPath());
        mount.put("pvcNameParameter", constant(m.claimName()));
        mounts.add(mount);
      }
      out.put("pvcMount", mounts);
    }
    if (!k.emptyDirMounts().isEmpty()) {
      List<Object> mounts = new ArrayList<>();
      for (KubernetesSettings.EmptyDirMount m : k.emptyDirMounts()) {
        mounts.add(new TreeMap<>(Map.of("mountPath", m.mountPath(), "volumeName", m.volumeName())));
      }
      out.put("emptyDirMounts", mounts);
    }
    if (k.runAs() != null) {
      Map<String, Object> context = new TreeMap<>();
      context.put("runAsGroup", k.runAs().group());
      context.put("runAsNonRoot", k.runAs().nonRoot());
      context.put("runAsUser", k.runAs().user());
      out.put("securityContext", context);
    }
    if (!k.secretsAsEnv().isEmpty()) {
      List<Object> secrets = new ArrayList<>();
      for (KubernetesSettings.SecretAsEnv s : k.secretsAsEnv()) {
        List<Object> keyToEnv = new ArrayList<>();
        s.keyToEnv()
            .forEach(
                (key, env) -> keyToEnv.add(new TreeMap<>(Map.of("envVar", env, "secretKey", key))));
        Map<String, Object> secret = new TreeMap<>();
        secret.put("keyToEnv", keyToEnv);
        secret.put("optional", s.optional());
        secret.put("secretName", s.secretName());
        secret.put("secretNameParameter", constant(s.secretName()));
        secrets.add(secret);
      }
      out.put("secretAsEnv", secrets);
    }
    if (!k.tolerations().isEmpty()) {
      List<Object> tolerations = new ArrayList<>();
      for (KubernetesSettings.Toleration t : k.tolerations()) {
        Map<String, Object> tol = new TreeMap<>();
        if (t.key() != null) {
          tol.put("key", t.key());
        }
        tol.put("operator", t.operator());
        if (t.value() != null) {
          tol.put("value", t.value());
        }
        if (t.effect() != null) {
          tol.put("effect", t.effect());
        }
        tolerations.add(tol);
      }
      out.put("tolerations", tolerations);
    }
    return out;
  }

  private static Map<String, Object> constant(String value) {
    return Map.of("runtimeValue", Map.of("constant", value));
  }
}
