package org.cargorisk.lake;

import java.util.Map;

/**
 * One Delta commit of a lake table, from its commit file (see {@link TableIO#lastCommit}).
 *
 * @param table table path
 * @param version the table version written
 * @param operation Delta operation (WRITE, MERGE, CREATE TABLE, ...)
 * @param metrics Delta's operation metrics (numSourceRows, numOutputRows, ...)
 */
public record TableCommit(String table, long version, String operation, Map<String, String> metrics) {
  public TableCommit {
    metrics = Map.copyOf(metrics);
  }

  /** A numeric metric, or -1 when Delta did not report it. */
  public long metric(String name) {
    String value = metrics.get(name);
    return value == null ? -1 : Long.parseLong(value);
  }
}
