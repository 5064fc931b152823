package org.cargorisk.declarations;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the adapter read: the accepted declarations ({@link DeclarationColumns#SCHEMA}) and the
 * quarantined rows ({@link DeclarationColumns#QUARANTINE_SCHEMA}). Every data line of the input is
 * in exactly one of the two.
 */
public record DeclarationBatch(Dataset<Row> accepted, Dataset<Row> quarantined) {}
