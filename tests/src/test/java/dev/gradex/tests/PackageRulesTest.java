package dev.gradex.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules written in each {@code package-info.java} hold in the compiled main classes of
 * every module: no package cycles, the algorithm core free of DJL, picocli and the tracking
 * library, the model library free of tracking and the component runtime (but for three command-line
 * classes, listed below), and the core's subpackages depending only on what their package-info
 * says.
 */
class PackageRulesTest {
  private static final List<String> MODEL_ON_TRACKING =
      List.of("dev.gradex.model.cli.LoraStageCommand", "dev.gradex.model.cli.TrainingMetrics");

  private static final DescribedPredicate<JavaClass> MODEL_CLASSES_ON_TRACKING =
      DescribedPredicate.describe(
          "are the LoRA stages' command-line classes " + MODEL_ON_TRACKING,
          c ->
              MODEL_ON_TRACKING.stream()
                  .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gradex");
  }

  @Test
  void everyModuleIsOnTheClassPath() {
    // a rule over an empty import passes vacuously: make sure the modules were really read
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.gradex.core.linalg"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.gradex.model.cli"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.gradex.watch")).isTrue();
    org.assertj.core.api.Assertions.assertThat(
            classes.containPackage("dev.gradex.baselines.representation"))
        .isTrue();
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.gradex.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void coreDependsOnNoDjlPicocliTrackingOrStageLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.gradex.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.djl..",
            "picocli..",
            "dev.gradex.tracking..",
            "dev.gradex.component..",
            "dev.gradex.model..")
        .check(classes);
  }

  /**
   * The model library is DJL code that knows nothing of MLflow or the KFP component runtime. The
   * measured exceptions, listed by name: three classes of {@code dev.gradex.model.cli} shared by
   * the meta-train and fine-tune commands, which log to MLflow and write KFP outputs (issue 16:
   * "model/cli drags tracking and runtime into the model library"; 30 dependencies, all from these
   * three, when this rule was written). Moving them to the stage layer belongs to the
   * stage-contract redesign; any other class that starts to depend on either fails here.
   */
  @Test
  void modelLibraryDependsOnNoTrackingOrRuntimeButForItsCommandLines() {
    noClasses()
        .that()
        .resideInAPackage("dev.gradex.model..")
        .and(not(MODEL_CLASSES_ON_TRACKING))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.gradex.tracking..", "dev.gradex.component..")
        .check(classes);
  }

  @Test
  void trackingLibraryDependsOnTheCoreOnly() {
    onlyOn(
        "dev.gradex.tracking..",
        "dev.gradex.tracking..",
        "dev.gradex.core",
        "dev.gradex.core.retry");
  }

  /**
   * The similarity baselines (issue 19): the pure-Java methods use the core (the gradient store)
   * and the model library's data files only, never DJL; the representation baseline's subpackage
   * alone loads the base model.
   */
  @Test
  void baselinesUseTheModelLibraryOnlyForTheRepresentationBaseline() {
    onlyOn(
        "dev.gradex.baselines",
        "dev.gradex.core",
        "dev.gradex.core.store",
        "dev.gradex.model.data",
        "dev.gradex.baselines.representation");
    noClasses()
        .that()
        .resideInAPackage("dev.gradex.baselines")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.djl..")
        .check(classes);
    onlyOn(
        "dev.gradex.baselines.representation",
        "dev.gradex.core",
        "dev.gradex.model",
        "dev.gradex.model.arch",
        "dev.gradex.model.config",
        "dev.gradex.model.data",
        "dev.gradex.model.tokenizer");
  }

  @Test
  void linearAlgebraDependsOnNothingElse() {
    onlyOn("dev.gradex.core.linalg", "dev.gradex.core.linalg");
  }

  @Test
  void coreSubpackagesDependOnlyOnWhatTheirPackageInfoSays() {
    onlyOn("dev.gradex.core", "dev.gradex.core");
    onlyOn("dev.gradex.core.projection", "dev.gradex.core");
    onlyOn("dev.gradex.core.subsets", "dev.gradex.core");
    onlyOn("dev.gradex.core.fidelity", "dev.gradex.core");
    onlyOn("dev.gradex.core.scoring", "dev.gradex.core", "dev.gradex.core.linalg");
    onlyOn("dev.gradex.core.selection", "dev.gradex.core", "dev.gradex.core.scoring");
    onlyOn("dev.gradex.core.store", "dev.gradex.core", "dev.gradex.core.projection");
    onlyOn("dev.gradex.core.cluster", "dev.gradex.core", "dev.gradex.core.store");
    onlyOn(
        "dev.gradex.core.synth",
        "dev.gradex.core",
        "dev.gradex.core.store",
        "dev.gradex.core.projection");
    onlyOn(
        "dev.gradex.core.estimate",
        "dev.gradex.core",
        "dev.gradex.core.store",
        "dev.gradex.core.linalg");
  }

  /** Classes in {@code pkg} use no dev.gradex class outside {@code pkg} and {@code allowed}. */
  private static void onlyOn(String pkg, String... allowed) {
    String[] own = new String[allowed.length + 1];
    own[0] = pkg;
    System.arraycopy(allowed, 0, own, 1, allowed.length);
    noClasses()
        .that()
        .resideInAPackage(pkg)
        .should()
        .dependOnClassesThat(resideInAPackage("dev.gradex..").and(not(resideInAnyPackage(own))))
        .because("its package-info.java says so")
        .check(classes);
  }
}
