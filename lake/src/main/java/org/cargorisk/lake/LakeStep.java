package org.cargorisk.lake;

import java.util.List;

/**
 * The steps of the pipeline as the lake sees them: which step writes a table ({@link
 * LakeTable#owner()}) and which tables a step reads ({@link #reads()}). The benchmark's floors
 * (a plain read of a step's inputs) and the docs come from these declarations, not from lists
 * kept by hand beside each job.
 */
public enum LakeStep {
  /**
   * Landing files to the bronze history and the quarantine; reads no table as its input (its
   * inputs are landing files; the firm ids already known are looked up for the flags).
   */
  INGEST,
  /** Bronze to the silver feature tables. */
  FEATURES,
  /** Silver features and labels to a model version in the registry. */
  TRAIN,
  /** The day's silver features and a champion to the scan list and the firm list. */
  SCORE,
  /** Past scan lists and inspections to hit rates. */
  FEEDBACK,
  /** Every job: the run record and the access log. */
  AUDIT;

  /**
   * The tables this step reads, in the order it reads them. A method rather than a field: the
   * tables name their owning step, so holding them here would make the two classes'
   * initialisation depend on each other.
   */
  public List<TableRead> reads() {
    return switch (this) {
      case INGEST, AUDIT -> List.of();
      // every version of every record, as known on each as_of date (issue 22)
      case FEATURES -> List.of(new TableRead(LakeTables.HISTORY, Scope.WHOLE_TABLE, Role.SUBJECT));
      case TRAIN ->
          List.of(
              new TableRead(LakeTables.CONTAINER_FEATURES, Scope.WHOLE_TABLE, Role.SUBJECT),
              new TableRead(LakeTables.FIRM_FEATURES, Scope.WHOLE_TABLE, Role.SUBJECT),
              // the current inspections and firm labels (BronzeHistory.current)
              new TableRead(LakeTables.HISTORY, Scope.WHOLE_TABLE, Role.CONTEXT));
      case SCORE ->
          List.of(
              new TableRead(LakeTables.CONTAINER_FEATURES, Scope.DATE_PARTITION, Role.SUBJECT),
              new TableRead(LakeTables.FIRM_FEATURES, Scope.DATE_PARTITION, Role.CONTEXT),
              // the current firms (names on the firm list)
              new TableRead(LakeTables.HISTORY, Scope.WHOLE_TABLE, Role.CONTEXT));
      case FEEDBACK ->
          List.of(
              new TableRead(LakeTables.SCAN_LIST, Scope.WHOLE_TABLE, Role.SUBJECT),
              // the current inspections
              new TableRead(LakeTables.HISTORY, Scope.WHOLE_TABLE, Role.CONTEXT));
    };
  }

  /** The tables this step writes (those it owns). */
  public List<LakeTable> writes() {
    return LakeTables.all().stream().filter(table -> table.owner() == this).toList();
  }

  /**
   * One table a step reads.
   *
   * @param table the table
   * @param scope all of it, or the business date's partition only
   * @param role whether its rows are what the step works on (counted as the step's records) or
   *     joined in
   */
  public record TableRead(LakeTable table, Scope scope, Role role) {
    public TableRead {
      if (scope == Scope.DATE_PARTITION && table.partitionColumns().size() != 1) {
        throw new IllegalArgumentException(
            "a date-partition read needs a table partitioned by one date column, cannot be: " + table.name());
      }
    }
  }

  /** How much of a table a step reads. */
  public enum Scope {
    /** The whole table (features read the whole history). */
    WHOLE_TABLE,
    /** The partition of the business date ({@link LakeTable#partitionColumns()} = date). */
    DATE_PARTITION
  }

  /** What a table's rows are to the step. */
  public enum Role {
    /** The rows the step works on, counted as its records. */
    SUBJECT,
    /** Rows joined in (labels, names). */
    CONTEXT
  }
}
