package org.cargorisk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (DESIGN.md, "Layout"): packages free of cycles, the Maven modules used in
 * pipeline order only, the benchmark tools and the command line kept out of the pipeline. Each
 * rule says how to fix what it finds. {@link MavenModule} maps packages to modules.
 */
class ArchitectureTest {

  @Test
  void packagesAreFreeOfCycles() {
    ArchRule rule =
        slices()
            .matching("org.cargorisk.(**)")
            .namingSlices("org.cargorisk.$1")
            .should()
            .beFreeOfCycles()
            .because(
                "a package cycle makes two ideas one: move what both packages need (shared"
                    + " columns, inputs, constants) into a package below both, or move the code"
                    + " that orchestrates them into a package above both");
    rule.check(ProductionClasses.get());
  }

  @Test
  void modulesUseOnlyEarlierModules() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (MavenModule module : MavenModule.values()) {
      layers = layers.layer(module.directory()).definedBy(module.packages());
    }
    for (MavenModule module : MavenModule.values()) {
      List<String> users = module.later().stream().map(MavenModule::directory).toList();
      layers =
          users.isEmpty()
              ? layers.whereLayer(module.directory()).mayNotBeAccessedByAnyLayer()
              : layers
                  .whereLayer(module.directory())
                  .mayOnlyBeAccessedByLayers(users.toArray(String[]::new));
    }
    layers
        .because(
            "the modules are the pipeline (lake -> ingest -> features -> models -> scoring ->"
                + " jobs, benchmarks used by jobs only) and Maven builds them in that order: move"
                + " the code the earlier module needs down into it, or pass the value in from the"
                + " caller, instead of importing a later module")
        .check(ProductionClasses.get());
  }

  @Test
  void pipelineNeverUsesTheBenchmarkTools() {
    noClasses()
        .that()
        .resideInAnyPackage(MavenModule.packagesOf(MavenModule.pipeline()))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(MavenModule.BENCHMARKS.packages())
        .because(
            "the synthetic generator and the public-benchmark adapters (org.cargorisk.synthetic,"
                + " declarations, amlsim) are tools around the pipeline, used by org.cargorisk.jobs"
                + " only: move what the pipeline needs from them into the pipeline module it"
                + " belongs to")
        .check(ProductionClasses.get());
  }

  @Test
  void onlyJobsKnowTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.cargorisk.jobs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.cargorisk.jobs..", "picocli..")
        .because(
            "jobs are thin entry points over the library (STYLE.md, 'Thin entry points'): pass"
                + " parsed options to the library as a validated record or builder arguments, and"
                + " move logic a job holds that others need into the library module it belongs"
                + " to")
        .check(ProductionClasses.get());
  }

  @Test
  void everyPackageBelongsToTheModuleThatCompilesIt() {
    classes()
        .should(beCompiledInTheModuleTheirPackageBelongsTo())
        .because(
            "the other rules see a package only through MavenModule: list a new package under"
                + " the MavenModule of the Maven module that holds it, and keep each package in"
                + " the Maven module MavenModule names")
        .check(ProductionClasses.get());
  }

  private static ArchCondition<JavaClass> beCompiledInTheModuleTheirPackageBelongsTo() {
    return new ArchCondition<>("be compiled in the Maven module that MavenModule maps its package to") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        List<MavenModule> owners =
            List.of(MavenModule.values()).stream()
                .filter(
                    module ->
                        PackageMatchers.of(module.packages()).test(javaClass.getPackageName()))
                .toList();
        String location =
            javaClass.getSource().map(source -> source.getUri().toString()).orElse("(unknown)");
        boolean satisfied =
            owners.size() == 1
                && (location.contains("/" + owners.get(0).directory() + "/target/classes/")
                    || location.contains("/cargorisk-" + owners.get(0).directory() + "-"));
        String message =
            owners.isEmpty()
                ? String.format(
                    "%s is in package %s, which no MavenModule lists (compiled from %s)",
                    javaClass.getName(), javaClass.getPackageName(), location)
                : String.format(
                    "%s: package %s is mapped to %s, compiled from %s",
                    javaClass.getName(), javaClass.getPackageName(), owners, location);
        events.add(new SimpleConditionEvent(javaClass, satisfied, message));
      }
    };
  }
}
