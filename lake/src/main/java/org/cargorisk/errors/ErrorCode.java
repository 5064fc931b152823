package org.cargorisk.errors;

/**
 * Every error CargoRisk reports, with its exit code. User errors (bad input, a missing table or
 * partition, an invalid configuration) exit with 1 and say how to fix them; internal errors are
 * bugs and exit with 3.
 */
public enum ErrorCode {
  /** A landing file cannot be read at all: wrong format, wrong header, missing column. */
  UNREADABLE_FILE(Kind.USER),
  /** A landing folder or table the job needs does not exist. */
  MISSING_INPUT(Kind.USER),
  /** A DataFrame lacks a column (or has the wrong type) that a step needs. */
  MISSING_COLUMN(Kind.USER),
  /** A configuration file or option has an invalid value. */
  INVALID_CONFIGURATION(Kind.USER),
  /** A reference file (risk tiers, cover goods, offices, watchlists) is malformed. */
  INVALID_REFERENCE_DATA(Kind.USER),
  /** A model version or champion that was asked for does not exist. */
  MODEL_NOT_FOUND(Kind.USER),
  /** A challenger was refused because it does not beat the champion. */
  PROMOTION_REFUSED(Kind.USER),
  /** Another run holds the lock for the same job and date. */
  CONCURRENT_RUN(Kind.USER),
  /** Not enough labelled data to train or evaluate. */
  INSUFFICIENT_DATA(Kind.USER),
  /** A storage operation failed (object store unreachable, permission denied). */
  STORAGE_FAILURE(Kind.USER),
  /** A bug: an invariant that should always hold did not. */
  INTERNAL(Kind.INTERNAL);

  /** Whether the user can fix the cause, or it is a bug. */
  public enum Kind {
    USER,
    INTERNAL
  }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Exit code of the command line: 1 for user errors, 3 for internal ones (2 is usage). */
  public int exitCode() {
    return kind == Kind.USER ? 1 : 3;
  }
}
