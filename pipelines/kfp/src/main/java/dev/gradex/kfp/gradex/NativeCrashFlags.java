package dev.gradex.kfp.gradex;

import java.util.List;

/**
 * The JVM options that make a native crash (a SIGSEGV in libtorch, say) leave its hs_err report in
 * a known directory and print, on the JVM's error stream, where the report is and how to resume.
 * Every GradEx stage is idempotent and training stages checkpoint each epoch, so rerunning the same
 * command (or KFP's retry of the task) loses at most the work since the last checkpoint.
 *
 * <p>The compiled pipeline puts these options in every component's command (the images have no
 * entrypoint, so Jib's {@code jvmFlags} would never be used); the {@code ./gradex} launcher writes
 * the same two options in bash. {@code %p} is the JVM's own substitution for its process id, in
 * both options. The {@code OnError} value is run by {@code /bin/sh -c}; the JVM splits it at
 * semicolons, so the message has none.
 */
public final class NativeCrashFlags {
  /** The directory the component pods can write (an emptyDir). */
  public static final String POD_DIR = "/tmp";

  /** What to do after a crash, printed by the {@code OnError} command. */
  public static final String RESUME_ADVICE =
      "rerun the same command to resume: finished stages are reused, training resumes from its"
          + " last checkpoint";

  private NativeCrashFlags() {}

  /** {@code -XX:ErrorFile} in {@code dir} and an {@code -XX:OnError} naming it with the advice. */
  public static List<String> jvmOptions(String dir) {
    String errorFile = dir + "/hs_err_pid%p.log";
    return List.of(
        "-XX:ErrorFile=" + errorFile,
        "-XX:OnError=echo 'gradex: the JVM died of a fatal error (a native crash), its report is "
            + errorFile
            + ", "
            + RESUME_ADVICE
            + "' >&2");
  }
}
