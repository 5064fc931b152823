package org.cargorisk.architecture;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Maven modules and the packages each one owns, in pipeline order: a module may use the
 * modules before it, never one after it. {@link #BENCHMARKS} (the synthetic generator and the
 * public-benchmark adapters) sits after the pipeline because only {@link #JOBS} may use it. The
 * one map from package to module for the architecture tests: a new top-level package goes here.
 */
enum MavenModule {
  LAKE(
      "lake",
      "org.cargorisk.contracts..",
      "org.cargorisk.errors..",
      "org.cargorisk.lake..",
      "org.cargorisk.audit..",
      "org.cargorisk.reference.."),
  INGEST("ingest", "org.cargorisk.ingest..", "org.cargorisk.validation.."),
  FEATURES("features", "org.cargorisk.features.."),
  MODELS("models", "org.cargorisk.models.."),
  SCORING("scoring", "org.cargorisk.scoring.."),
  BENCHMARKS(
      "benchmarks",
      "org.cargorisk.synthetic..",
      "org.cargorisk.declarations..",
      "org.cargorisk.amlsim.."),
  JOBS("jobs", "org.cargorisk.jobs..");

  private final String directory;
  private final String[] packages;

  MavenModule(String directory, String... packages) {
    this.directory = directory;
    this.packages = packages;
  }

  /** The module's folder in the repository, also the tail of its artifact id. */
  String directory() {
    return directory;
  }

  /** ArchUnit package identifiers of the module's packages ({@code ..} = and subpackages). */
  String[] packages() {
    return packages.clone();
  }

  /** The modules of the data pipeline proper, lake to scoring: everything but benchmarks and jobs. */
  static List<MavenModule> pipeline() {
    return List.of(LAKE, INGEST, FEATURES, MODELS, SCORING);
  }

  /** Packages of several modules together. */
  static String[] packagesOf(List<MavenModule> modules) {
    return modules.stream().flatMap(module -> Arrays.stream(module.packages)).toArray(String[]::new);
  }

  /** Packages of every module. */
  static String[] allPackages() {
    return packagesOf(List.of(values()));
  }

  /** The modules after this one in {@link #values()} order: the ones it must never use. */
  List<MavenModule> later() {
    return Stream.of(values()).filter(module -> module.ordinal() > ordinal()).toList();
  }
}
