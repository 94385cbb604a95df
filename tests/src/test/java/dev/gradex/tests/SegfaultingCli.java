package dev.gradex.tests;

import dev.gradex.cli.GradexCli;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only main: {@code gradex} as is, except that the JVM dies by a real SIGSEGV (a write to
 * address 0 through {@code sun.misc.Unsafe}) on the thread that prints the progress line {@code
 * gradex: <task> n/total} with n/total in [fraction, 1). Production code carries no hook: this
 * class watches the lines the run prints. Arguments: task, fraction, then gradex's own.
 */
final class SegfaultingCli {
  private static final Pattern PROGRESS =
      Pattern.compile("^gradex: (.+) (\\d+)/(\\d+)(?: \\(.*\\))?$");

  private SegfaultingCli() {}

  public static void main(String[] args) throws Exception {
    String task = args[0];
    double fraction = Double.parseDouble(args[1]);
    System.setOut(watched(System.out, task, fraction));
    System.setErr(watched(System.err, task, fraction));
    GradexCli.main(Arrays.copyOfRange(args, 2, args.length));
  }

  private static PrintStream watched(PrintStream target, String task, double fraction) {
    return new PrintStream(new LineWatcher(target, task, fraction), true, StandardCharsets.UTF_8);
  }

  /** Passes every byte on; at the end of each line checks whether it is the one to crash on. */
  private static final class LineWatcher extends OutputStream {
    private final PrintStream target;
    private final String task;
    private final double fraction;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineWatcher(PrintStream target, String task, double fraction) {
      this.target = target;
      this.task = task;
      this.fraction = fraction;
    }

    @Override
    public synchronized void write(int b) {
      target.write(b);
      if (b == '\n' || b == '\r') {
        check(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override
    public void flush() {
      target.flush();
    }

    private void check(String text) {
      Matcher m = PROGRESS.matcher(text.strip());
      if (m.matches() && m.group(1).equals(task)) {
        long n = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (n >= fraction * total && n < total) {
          target.println("SegfaultingCli: SIGSEGV at '" + text.strip() + "'");
          target.flush();
          segfault();
        }
      }
    }
  }

  private static void segfault() {
    try {
      Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      f.setAccessible(true);
      sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
      unsafe.putAddress(0L, 0L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no sun.misc.Unsafe to crash with", e);
    }
    throw new IllegalStateException("writing to address 0 did not crash the JVM");
  }
}
