package org.cargorisk.amlsim;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An IBM AMLSim sample mapped onto CargoRisk's contracts by {@link AmlsimAdapter}.
 *
 * @param transactions payments in the columns of {@code Source.TRANSACTIONS}
 * @param firms one firm per account: firm_id and name (AMLSim has no addresses, directors or
 *     registered accounts, so those columns are null)
 * @param accounts the ground truth per account: firm_id, {@link AmlsimAdapter#IS_FRAUD} (0/1),
 *     {@link AmlsimAdapter#FRAUD_STEP} (-1 when not given)
 * @param asOf the day after which nothing was booked: base date + last step
 */
public record AmlsimData(
    Dataset<Row> transactions, Dataset<Row> firms, Dataset<Row> accounts, LocalDate asOf) {}
