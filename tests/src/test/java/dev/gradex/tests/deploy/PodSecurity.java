package dev.gradex.tests.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The least-privilege settings docs/security.md promises for every pod, checked field by field: pod
 * runAsNonRoot with the image's uid and gid and the RuntimeDefault seccomp profile; every container
 * with a read-only root filesystem, no privilege escalation, every capability dropped and none
 * added, not privileged; an emptyDir at /tmp; no host namespaces or host paths. Each violation
 * names the object and the field.
 */
final class PodSecurity {
  /** The uid and gid of the GradEx images (Jib {@code <user>}) and of the MLflow server. */
  static final long GRADEX_UID = 65532;

  /** The postgres user of the official postgres image. */
  static final long POSTGRES_UID = 999;

  private PodSecurity() {}

  /** Every pod template of the objects, keyed "Kind/name" with the path to the pod spec. */
  static Map<String, PodSpec> podTemplates(List<HasMetadata> objects) {
    Map<String, PodSpec> out = new LinkedHashMap<>();
    for (HasMetadata o : objects) {
      String at = KubeObjects.describe(o);
      if (o instanceof CronJob c) {
        out.put(
            at + " spec.jobTemplate.spec.template.spec",
            c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
      } else if (o instanceof Job j) {
        out.put(at + " spec.template.spec", j.getSpec().getTemplate().getSpec());
      } else if (o instanceof Deployment d) {
        out.put(at + " spec.template.spec", d.getSpec().getTemplate().getSpec());
      } else if (o instanceof StatefulSet s) {
        out.put(at + " spec.template.spec", s.getSpec().getTemplate().getSpec());
      }
    }
    return out;
  }

  /** The violations of one pod spec; {@code uid} is the user (and group) it must run as. */
  static List<String> violations(String at, PodSpec pod, long uid) {
    List<String> out = new ArrayList<>();
    PodSecurityContext p = pod.getSecurityContext();
    if (p == null) {
      out.add(at + ".securityContext is missing");
    } else {
      want(out, at + ".securityContext.runAsNonRoot", p.getRunAsNonRoot(), true);
      want(out, at + ".securityContext.runAsUser", p.getRunAsUser(), uid);
      want(out, at + ".securityContext.runAsGroup", p.getRunAsGroup(), uid);
      want(
          out,
          at + ".securityContext.seccompProfile.type",
          p.getSeccompProfile() == null ? null : p.getSeccompProfile().getType(),
          "RuntimeDefault");
    }
    want(out, at + ".hostNetwork", Boolean.TRUE.equals(pod.getHostNetwork()), false);
    want(out, at + ".hostPID", Boolean.TRUE.equals(pod.getHostPID()), false);
    want(out, at + ".hostIPC", Boolean.TRUE.equals(pod.getHostIPC()), false);
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (Volume v : pod.getVolumes()) {
      volumes.put(v.getName(), v);
      if (v.getHostPath() != null) {
        out.add(at + ".volumes[" + v.getName() + "] is a hostPath");
      }
    }
    List<Container> containers = new ArrayList<>(pod.getInitContainers());
    containers.addAll(pod.getContainers());
    for (Container c : containers) {
      String where =
          at
              + (pod.getInitContainers().contains(c) ? ".initContainers[" : ".containers[")
              + c.getName()
              + "]";
      container(out, where, c, volumes);
    }
    return out;
  }

  private static void container(
      List<String> out, String where, Container c, Map<String, Volume> volumes) {
    SecurityContext s = c.getSecurityContext();
    if (s == null) {
      out.add(where + ".securityContext is missing");
    } else {
      want(
          out,
          where + ".securityContext.readOnlyRootFilesystem",
          s.getReadOnlyRootFilesystem(),
          true);
      want(
          out,
          where + ".securityContext.allowPrivilegeEscalation",
          s.getAllowPrivilegeEscalation(),
          false);
      want(
          out,
          where + ".securityContext.privileged",
          Boolean.TRUE.equals(s.getPrivileged()),
          false);
      want(
          out,
          where + ".securityContext.capabilities.drop",
          s.getCapabilities() == null ? null : s.getCapabilities().getDrop(),
          List.of("ALL"));
      if (s.getCapabilities() != null && !s.getCapabilities().getAdd().isEmpty()) {
        out.add(where + ".securityContext.capabilities.add is " + s.getCapabilities().getAdd());
      }
    }
    VolumeMount tmp =
        c.getVolumeMounts().stream()
            .filter(m -> "/tmp".equals(m.getMountPath()))
            .findFirst()
            .orElse(null);
    if (tmp == null) {
      out.add(where + ".volumeMounts has nothing at /tmp");
    } else if (volumes.get(tmp.getName()) == null
        || volumes.get(tmp.getName()).getEmptyDir() == null) {
      out.add(where + ".volumeMounts[" + tmp.getName() + "] at /tmp is not an emptyDir");
    }
  }

  private static void want(List<String> out, String field, Object actual, Object expected) {
    if (!Objects.equals(actual, expected)) {
      out.add(field + " is " + actual + ", want " + expected);
    }
  }
}
