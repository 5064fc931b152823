package org.cargorisk.errors;

import java.util.Collection;
import java.util.Locale;

/**
 * The one place where CargoRisk errors are made. Every message says what is wrong, shows the
 * offending value, and says how to fix it.
 */
public final class CargoRiskErrors {
  private CargoRiskErrors() {}

  public static CargoRiskException unreadableFile(String file, String problem, String fix) {
    return new CargoRiskException(
        ErrorCode.UNREADABLE_FILE,
        String.format(Locale.ROOT, "Cannot read landing file %s: %s. %s", file, problem, fix),
        null);
  }

  public static CargoRiskException unreadableFile(String file, String problem, Throwable cause) {
    return new CargoRiskException(
        ErrorCode.UNREADABLE_FILE,
        String.format(
            Locale.ROOT,
            "Cannot read landing file %s: %s. Check the file's format and encoding (UTF-8 CSV with"
                + " a header row, JSON lines or Parquet).",
            file,
            problem),
        cause);
  }

  public static CargoRiskException missingInput(String what, String where, String fix) {
    return new CargoRiskException(
        ErrorCode.MISSING_INPUT,
        String.format(Locale.ROOT, "%s not found at %s. %s", what, where, fix),
        null);
  }

  /**
   * Sources due every day have no landing files on a date.
   *
   * @param gaps the dates, sources and folders looked in
   * @param fix what to check, and how to run anyway
   */
  public static CargoRiskException missingLandingFiles(String gaps, String fix) {
    return new CargoRiskException(
        ErrorCode.MISSING_INPUT,
        String.format(Locale.ROOT, "No landing files for a source due every day: %s. %s", gaps, fix),
        null);
  }

  public static CargoRiskException missingColumns(
      String step, Collection<String> missing, Collection<String> available) {
    return new CargoRiskException(
        ErrorCode.MISSING_COLUMN,
        String.format(
            Locale.ROOT,
            "Step %s needs column(s) %s, which the input lacks. Available columns: %s.",
            step,
            missing,
            available),
        null);
  }

  public static CargoRiskException wrongColumnType(
      String step, String column, String expected, String actual) {
    return new CargoRiskException(
        ErrorCode.MISSING_COLUMN,
        String.format(
            Locale.ROOT,
            "Step %s needs column %s of type %s, but it is %s.",
            step,
            column,
            expected,
            actual),
        null);
  }

  public static CargoRiskException columnExists(String step, String column) {
    return new CargoRiskException(
        ErrorCode.MISSING_COLUMN,
        String.format(
            Locale.ROOT,
            "Step %s would write column %s, which already exists; choose another output column.",
            step,
            column),
        null);
  }

  public static CargoRiskException invalidConfiguration(
      String key, Object value, String rule) {
    return new CargoRiskException(
        ErrorCode.INVALID_CONFIGURATION,
        String.format(
            Locale.ROOT, "Configuration %s = '%s' is invalid: %s.", key, value, rule),
        null);
  }

  public static CargoRiskException invalidConfiguration(String message, Throwable cause) {
    return new CargoRiskException(ErrorCode.INVALID_CONFIGURATION, message, cause);
  }

  public static CargoRiskException invalidReferenceData(
      String file, long line, String column, Object value, String rule) {
    return new CargoRiskException(
        ErrorCode.INVALID_REFERENCE_DATA,
        String.format(
            Locale.ROOT,
            "Reference file %s, line %d, column %s = '%s': %s.",
            file,
            line,
            column,
            value,
            rule),
        null);
  }

  public static CargoRiskException modelNotFound(String what, String fix) {
    return new CargoRiskException(
        ErrorCode.MODEL_NOT_FOUND, what + " not found. " + fix, null);
  }

  public static CargoRiskException promotionRefused(String message) {
    return new CargoRiskException(ErrorCode.PROMOTION_REFUSED, message, null);
  }

  /**
   * The lake's writer lock is held by another run.
   *
   * @param job the job that wanted the lock
   * @param date its business date
   * @param holder who holds the lock (run id, job, date, start, user, host, pid)
   * @param lock the lock file
   */
  public static CargoRiskException concurrentRun(String job, String date, String holder, String lock) {
    return new CargoRiskException(
        ErrorCode.CONCURRENT_RUN,
        String.format(
            Locale.ROOT,
            "Cannot start %s for %s: the lake is being written by %s (lock %s). One run writes"
                + " a lake at a time. Wait for that run to finish and start again; if its process"
                + " is gone (a killed run on another host), remove the lock file after checking.",
            job,
            date,
            holder,
            lock),
        null);
  }

  public static CargoRiskException insufficientData(String message) {
    return new CargoRiskException(ErrorCode.INSUFFICIENT_DATA, message, null);
  }

  public static CargoRiskException storageFailure(String what, Throwable cause) {
    return new CargoRiskException(
        ErrorCode.STORAGE_FAILURE,
        what
            + ": "
            + (cause == null ? "unknown cause" : rootMessage(cause))
            + ". Check that the storage is reachable and the credentials allow access.",
        cause);
  }

  /**
   * A lake or export root that group or others may read, and that this user cannot close.
   *
   * @param what "lake" or "export"
   * @param root the root folder
   * @param permission its permission ({@code rwxr-xr-x})
   * @param owner its owner
   * @param user the user running CargoRisk
   * @param cause why the repair failed
   */
  public static CargoRiskException exposedRoot(
      String what, String root, String permission, String owner, String user, Throwable cause) {
    return new CargoRiskException(
        ErrorCode.STORAGE_FAILURE,
        String.format(
            Locale.ROOT,
            "The %s root %s can be read by group or others (%s, owner %s) and user %s cannot"
                + " change that (%s). Every office's scan list would be readable by anyone on this"
                + " machine. As its owner, run `chmod -R go-rwx %s`, or point --%s at a folder"
                + " that %s owns (docs/DEPLOY.md).",
            what,
            root,
            permission,
            owner,
            user,
            cause == null ? "unknown cause" : rootMessage(cause),
            root,
            what,
            user),
        cause);
  }

  /**
   * A library API used wrongly by the code that calls it (a builder value never set, calls out of
   * order): nothing a user typed can cause it, so it is a bug (INTERNAL, exit 3), never an
   * invalid configuration.
   *
   * @param api the class or builder misused, e.g. {@code ScanListSelector}
   * @param problem what the caller did wrong and what it must do instead
   */
  public static CargoRiskException misuse(String api, String problem) {
    return new CargoRiskException(
        ErrorCode.INTERNAL,
        String.format(
            Locale.ROOT, "%s used wrongly: %s. This is a bug in the calling code.", api, problem),
        null);
  }

  public static CargoRiskException internal(String message, Throwable cause) {
    return new CargoRiskException(ErrorCode.INTERNAL, message, cause);
  }

  /** The innermost message of a cause chain, which usually names the real problem. */
  public static String rootMessage(Throwable error) {
    Throwable current = error;
    while (current.getCause() != null && current.getCause() != current) {
      current = current.getCause();
    }
    return current.getClass().getSimpleName()
        + (current.getMessage() == null ? "" : ": " + current.getMessage());
  }
}
