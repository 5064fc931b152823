package org.cargorisk.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * CargoRisk's production classes as ArchUnit sees them, imported once per test JVM and shared by
 * every architecture test in this package: call {@link #get()} in each rule's {@code check}.
 * Importing scans the whole test class path, so one import serves all the rules.
 *
 * <p>Test code is left out: this module's and the other modules' {@code target/test-classes}
 * ({@link ImportOption.DoNotIncludeTests}) and the other modules' test-jars, which a reactor build
 * that has packaged them puts on the class path as {@code *-tests.jar}. The other modules'
 * production classes are whatever Maven resolved: run the architecture tests through the reactor
 * ({@code mvn -o -pl jobs -am verify -Dtest='*ArchitectureTest' ...}) so that they are this
 * checkout's classes and not older snapshots from {@code ~/.m2}.
 *
 * <p>Classes outside {@code org.cargorisk} are stubs that carry their names only
 * ({@code archunit.properties}): enough for rules on dependencies and calls by name, not for rules
 * on the type hierarchy of Spark or JDK classes.
 */
final class ProductionClasses {
  private ProductionClasses() {}

  /** The production classes under {@code org.cargorisk}, imported on first use. */
  static JavaClasses get() {
    return Holder.CLASSES;
  }

  /** Lazy, thread-safe initialisation by the class loader (initialisation-on-demand holder). */
  private static final class Holder {
    private static final JavaClasses CLASSES =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(ProductionClasses::isNotTestJar)
            .importPackages("org.cargorisk");
  }

  private static boolean isNotTestJar(Location location) {
    return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
  }
}
