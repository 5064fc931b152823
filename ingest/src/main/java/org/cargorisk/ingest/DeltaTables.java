package org.cargorisk.ingest;

/** The Delta table properties ingest sets on its bronze tables. */
final class DeltaTables {
  private DeltaTables() {}

  /**
   * Deletion vectors: a MERGE that updates a few rows of a large file marks them deleted in a
   * small side file and writes only the new row versions, instead of rewriting every file it
   * touches. Bronze tables take amendments and late corrections every night, spread over the
   * whole history, so without them each night rewrites (nearly) all of bronze.
   */
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";
}
