package dev.gradex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.component.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GradexCliTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern COMMAND = Pattern.compile("new (\\w+Command)\\(\\)");

  /** The repository root: surefire runs in pipelines/cli. */
  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return here.getParent().getParent();
  }

  /** The command class each component main ({@code *Main.java} under src/main) runs. */
  private static List<Class<?>> mainCommands() throws IOException, ClassNotFoundException {
    List<Class<?>> out = new ArrayList<>();
    List<Path> mains;
    try (Stream<Path> files = Files.walk(root())) {
      mains =
          files
              .filter(f -> f.getFileName().toString().endsWith("Main.java"))
              .filter(f -> f.toString().contains("/src/main/java/"))
              .filter(f -> !f.toString().contains("/target/"))
              .toList();
    }
    for (Path main : mains) {
      String src = Files.readString(main);
      Matcher pkg = PACKAGE.matcher(src);
      Matcher cmd = COMMAND.matcher(src);
      assertThat(pkg.find()).as(main.toString()).isTrue();
      assertThat(cmd.find()).as(main + " runs no *Command").isTrue();
      out.add(Class.forName(pkg.group(1) + "." + cmd.group(1)));
    }
    return out;
  }

  @Test
  void everyComponentMainsCommandIsAGradexSubcommand() throws Exception {
    List<Class<?>> commands = mainCommands();
    // MetaTrain, FineTune, Promote, ExtractGradients, MergeStore, EstimateSubsets, Watch.
    assertThat(commands).hasSizeGreaterThanOrEqualTo(7);
    Set<Class<?>> reachable = new HashSet<>();
    for (CommandLine sub : CommandLines.create(new GradexCli()).getSubcommands().values()) {
      reachable.add(sub.getCommandSpec().userObject().getClass());
    }
    assertThat(reachable).containsAll(commands);
  }

  @Test
  void fineTuneHelpListsTheComponentsOwnOptions() {
    StringWriter text = new StringWriter();
    CommandLine cl = CommandLines.create(new GradexCli());
    cl.setOut(new PrintWriter(text));
    int code = cl.execute("fine-tune", "--help");
    assertThat(code).isZero();
    assertThat(text.toString())
        .contains("Usage: gradex fine-tune", "--selection", "--adapter-out", "--metrics-out");
  }
}
