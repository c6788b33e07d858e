package dev.warroom.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import dev.warroom.model.archfixture.ModelReachingUp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of ../shared/DESIGN.md as a build rule: each layer's main code may use only
 * the layers listed for it (dependencies flow down the table). Checked on the compiled classes of
 * every module (this module's test class path holds them all), with ArchUnit, so a forbidden use
 * fails {@code verify} whether it is an import, a fully-qualified name or a static call.
 */
class LayeringTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.warroom");
  }

  /** The layers and, for each, the layers it may use (besides itself). */
  static Architectures.LayeredArchitecture layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("model")
        .definedBy("dev.warroom.model..")
        .layer("store")
        .definedBy("dev.warroom.store..")
        .layer("connectors")
        .definedBy("dev.warroom.connectors..")
        .layer("experts")
        .definedBy("dev.warroom.experts..")
        .layer("dsl")
        .definedBy("dev.warroom.dsl..")
        .layer("report")
        .definedBy("dev.warroom.engine.report..")
        .layer("gym")
        .definedBy("dev.warroom.gym..")
        .layer("engine")
        .definedBy(
            "dev.warroom.engine.director..",
            "dev.warroom.engine.actors..",
            "dev.warroom.engine.agents..")
        .layer("assist")
        .definedBy("dev.warroom.assist..")
        .layer("eval")
        .definedBy("dev.warroom.eval..")
        .layer("server")
        .definedBy("dev.warroom.server..")
        .layer("cli")
        .definedBy("dev.warroom.cli..")
        .whereLayer("model")
        .mayNotAccessAnyLayer()
        .whereLayer("store")
        .mayOnlyAccessLayers("model")
        .whereLayer("connectors")
        .mayOnlyAccessLayers("model", "store", "experts")
        .whereLayer("experts")
        .mayOnlyAccessLayers("model")
        .whereLayer("dsl")
        .mayOnlyAccessLayers("model")
        .whereLayer("report")
        .mayOnlyAccessLayers("model")
        .whereLayer("gym")
        .mayOnlyAccessLayers("model", "store")
        .whereLayer("engine")
        .mayOnlyAccessLayers("model", "store", "experts", "dsl", "report")
        .whereLayer("assist")
        .mayOnlyAccessLayers("model", "dsl", "report")
        .whereLayer("eval")
        .mayOnlyAccessLayers("model", "store", "experts", "dsl", "report", "gym", "engine")
        .whereLayer("server")
        .mayOnlyAccessLayers(
            "model", "store", "connectors", "experts", "dsl", "report", "gym", "engine", "assist")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer();
  }

  @Test
  void mainCodeFollowsTheLayering() {
    assertThat(main.size()).isGreaterThan(300);
    EvaluationResult r = layers().evaluate(main);
    assertThat(r.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void theRulesFailOnAForbiddenUse() {
    JavaClasses withViolation =
        new ClassFileImporter()
            .importClasses(ModelReachingUp.class, dev.warroom.engine.director.Director.class);
    EvaluationResult r = layers().evaluate(withViolation);
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("ModelReachingUp") && d.contains("Director"));
  }
}
