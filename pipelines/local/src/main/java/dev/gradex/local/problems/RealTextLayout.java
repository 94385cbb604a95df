package dev.gradex.local.problems;

import dev.gradex.local.problems.SourcePlan.Labels;
import dev.gradex.local.problems.SourcePlan.Role;
import java.util.List;

/**
 * The shape of a real-text problem: the target's split sizes (balanced ham and spam, drawn from
 * SpamAssassin's {@code easy-ham-1} and {@code spam-1}), its sources and how long a text may be.
 *
 * <ul>
 *   <li>{@link #STANDARD}: the problem of {@code gradex problem real-text} (8 sources, texts of 400
 *       characters).
 *   <li>{@link #PAPER}: problem 2 of {@code gradex bench paper}: 13 sources of 100 texts (4
 *       helpful, 5 unrelated, 4 planted harmful: 2 label-flipped and 2 random-label copies), texts
 *       cut to 200 characters (about 48 MiniLM tokens), so a 40-step fine-tune takes about a minute
 *       on 2 cores.
 *   <li>{@link #PAPER_QUICK}: its miniature for the test suite (7 sources of 16 texts cut to 100
 *       characters, which halves the miniature's time).
 * </ul>
 */
public final class RealTextLayout {
  /** The 8-source problem of issue 14 ({@code gradex problem real-text}). */
  public static final RealTextLayout STANDARD =
      new RealTextLayout(
          "standard",
          300,
          200,
          300,
          TextCut.MAX_CHARS,
          List.of(
              plan("ham2-spam2", Role.HELPFUL, Pool.EASY_HAM_2, 300, Pool.SPAM_2, 300, Labels.TRUE),
              plan(
                  "hardham-spam2",
                  Role.HELPFUL,
                  Pool.HARD_HAM_1,
                  200,
                  Pool.SPAM_2,
                  200,
                  Labels.TRUE),
              plan("ham1-spam1", Role.HELPFUL, Pool.EASY_HAM_1, 250, Pool.SPAM_1, 50, Labels.TRUE),
              plan(
                  "sotu-party",
                  Role.UNRELATED,
                  Pool.SOTU_DEMOCRATIC,
                  250,
                  Pool.SOTU_REPUBLICAN,
                  250,
                  Labels.TRUE),
              plan(
                  "brown-news-fiction",
                  Role.UNRELATED,
                  Pool.BROWN_NEWS,
                  200,
                  Pool.BROWN_FICTION,
                  200,
                  Labels.TRUE),
              plan(
                  "brown-learned-romance",
                  Role.UNRELATED,
                  Pool.BROWN_LEARNED,
                  150,
                  Pool.BROWN_ROMANCE,
                  150,
                  Labels.TRUE),
              plan(
                  "ham2-spam2-flipped",
                  Role.HARMFUL,
                  Pool.EASY_HAM_2,
                  200,
                  Pool.SPAM_2,
                  200,
                  Labels.FLIPPED),
              plan(
                  "ham1-spam2-random",
                  Role.HARMFUL,
                  Pool.EASY_HAM_1,
                  150,
                  Pool.SPAM_2,
                  150,
                  Labels.RANDOM)));

  /** Problem 2 of {@code gradex bench paper}: 13 sources of 100 texts of up to 200 characters. */
  public static final RealTextLayout PAPER = paper("paper", 200, 100, 200, 50, 200);

  /** The miniature of {@link #PAPER} for {@code gradex bench paper --quick}. */
  public static final RealTextLayout PAPER_QUICK = paperQuick();

  private final String name;
  private final int train;
  private final int validation;
  private final int test;
  private final int maxChars;
  private final List<SourcePlan> sources;

  private RealTextLayout(
      String name, int train, int validation, int test, int maxChars, List<SourcePlan> sources) {
    this.name = name;
    this.train = train;
    this.validation = validation;
    this.test = test;
    this.maxChars = maxChars;
    this.sources = List.copyOf(sources);
  }

  /** Its name in {@code problem.json}. */
  public String name() {
    return name;
  }

  /** The longest text written, in characters (at most {@link TextCut#MAX_CHARS}). */
  public int maxChars() {
    return maxChars;
  }

  /** The sources' names, in the order of run.yaml. */
  public List<String> sourceNames() {
    return sources.stream().map(SourcePlan::name).toList();
  }

  /** Target examples in the training, validation and test splits (each half ham, half spam). */
  public int[] targetSplits() {
    return new int[] {train, validation, test};
  }

  List<SourcePlan> sources() {
    return sources;
  }

  private static RealTextLayout paper(
      String name, int train, int validation, int test, int half, int maxChars) {
    return new RealTextLayout(
        name,
        train,
        validation,
        test,
        maxChars,
        List.of(
            plan("ham2-spam2", Role.HELPFUL, Pool.EASY_HAM_2, half, Pool.SPAM_2, half, Labels.TRUE),
            plan(
                "hardham-spam2",
                Role.HELPFUL,
                Pool.HARD_HAM_1,
                half,
                Pool.SPAM_2,
                half,
                Labels.TRUE),
            plan("ham1-spam1", Role.HELPFUL, Pool.EASY_HAM_1, half, Pool.SPAM_1, half, Labels.TRUE),
            plan(
                "hardham-spam1",
                Role.HELPFUL,
                Pool.HARD_HAM_1,
                half,
                Pool.SPAM_1,
                half,
                Labels.TRUE),
            plan(
                "sotu-party",
                Role.UNRELATED,
                Pool.SOTU_DEMOCRATIC,
                half,
                Pool.SOTU_REPUBLICAN,
                half,
                Labels.TRUE),
            plan(
                "brown-news-fiction",
                Role.UNRELATED,
                Pool.BROWN_NEWS,
                half,
                Pool.BROWN_FICTION,
                half,
                Labels.TRUE),
            plan(
                "brown-learned-romance",
                Role.UNRELATED,
                Pool.BROWN_LEARNED,
                half,
                Pool.BROWN_ROMANCE,
                half,
                Labels.TRUE),
            plan(
                "brown-religion-hobbies",
                Role.UNRELATED,
                Pool.BROWN_RELIGION,
                half,
                Pool.BROWN_HOBBIES,
                half,
                Labels.TRUE),
            plan(
                "brown-government-adventure",
                Role.UNRELATED,
                Pool.BROWN_GOVERNMENT,
                half,
                Pool.BROWN_ADVENTURE,
                half,
                Labels.TRUE),
            plan(
                "ham2-spam2-flipped",
                Role.HARMFUL,
                Pool.EASY_HAM_2,
                half,
                Pool.SPAM_2,
                half,
                Labels.FLIPPED),
            plan(
                "hardham-spam2-flipped",
                Role.HARMFUL,
                Pool.HARD_HAM_1,
                half,
                Pool.SPAM_2,
                half,
                Labels.FLIPPED),
            plan(
                "ham1-spam2-random",
                Role.HARMFUL,
                Pool.EASY_HAM_1,
                half,
                Pool.SPAM_2,
                half,
                Labels.RANDOM),
            plan(
                "ham2-spam1-random",
                Role.HARMFUL,
                Pool.EASY_HAM_2,
                half,
                Pool.SPAM_1,
                half,
                Labels.RANDOM)));
  }

  /** 7 sources of 16 texts: 2 helpful, 2 unrelated, 1 flipped, 2 random-label; target 32/32/32. */
  private static RealTextLayout paperQuick() {
    RealTextLayout full = paper("paper-quick", 32, 32, 32, 8, 100);
    List<String> keep =
        List.of(
            "ham2-spam2",
            "ham1-spam1",
            "sotu-party",
            "brown-news-fiction",
            "ham2-spam2-flipped",
            "ham1-spam2-random",
            "ham2-spam1-random");
    return new RealTextLayout(
        full.name,
        full.train,
        full.validation,
        full.test,
        full.maxChars,
        full.sources.stream().filter(s -> keep.contains(s.name())).toList());
  }

  private static SourcePlan plan(
      String name, Role role, Pool p0, int n0, Pool p1, int n1, Labels labels) {
    return new SourcePlan(name, role, p0, n0, p1, n1, labels);
  }
}
