package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link PlattCalibration} on scored, labelled rows ({@link ModelColumns#SCORE}, {@link
 * ModelColumns#LABEL}): a logistic regression of the label on logit(score), unregularised, with
 * Platt's targets instead of 0 and 1 ((hits + 1) / (hits + 2) for a hit, 1 / (non-hits + 2) for a
 * non-hit; each row enters twice, as a hit and a non-hit weighted by its target), so a handful of
 * validation hits cannot push the chance to exactly 0 or 1. Two parameters only: unlike isotonic
 * regression it cannot memorise the rows it is fitted on, and it keeps every score distinct.
 *
 * <p>A fitted slope at or below 0 (the rows show no rising hit rate with the score) gives slope 0
 * and the rows' (Platt-corrected) hit rate for every row, with a warning: the ranking stays the
 * model's, and the hit chance claims no more than the data supports.
 */
public final class PlattCalibrator extends Estimator<PlattCalibration> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PlattCalibrator.class);
  private static final String LOGIT = "__calibration_logit";
  private static final String TARGET = "__calibration_target";
  private static final String INPUT = "__calibration_input";
  private static final String WEIGHT = "__calibration_weight";

  private final String uid;

  public PlattCalibrator() {
    this(Identifiable$.MODULE$.randomUID("plattCalibrator"));
  }

  public PlattCalibrator(String uid) {
    this.uid = uid;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public PlattCalibration fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column isHit = col(ModelColumns.LABEL).equalTo(1.0);
    Row counts = dataset.agg(count(lit(1)), sum(when(isHit, 1L).otherwise(0L))).first();
    long rows = counts.getLong(0);
    long hits = counts.isNullAt(1) ? 0 : counts.getLong(1);
    if (rows == 0) {
      throw CargoRiskErrors.insufficientData(
          "Cannot calibrate the hit chance: no validation row falls in the calibration half"
              + " (CalibrationSplit). Train at a later date or with more validation weeks"
              + " (model.validation-weeks).");
    }
    double hitTarget = (hits + 1.0) / (hits + 2.0);
    double nonHitTarget = 1.0 / (rows - hits + 2.0);
    Dataset<Row> base =
        dataset.select(
            PlattCalibration.logit(col(ModelColumns.SCORE)).as(LOGIT),
            when(isHit, hitTarget).otherwise(nonHitTarget).as(TARGET));
    // Soft targets as weights: a row with target t is a hit of weight t and a non-hit of 1 - t.
    Dataset<Row> weighted =
        base.select(col(LOGIT), lit(1.0).as(ModelColumns.LABEL), col(TARGET).as(WEIGHT))
            .union(base.select(col(LOGIT), lit(0.0).as(ModelColumns.LABEL), lit(1.0).minus(col(TARGET)).as(WEIGHT)));
    // One partition: Spark merges per-partition sums in the order tasks finish, so with several
    // the coefficients differed in their last bits from run to run (and the hit chances with
    // them). The calibration half of the validation rows is small enough for one task.
    Dataset<Row> assembled =
        new VectorAssembler().setInputCols(new String[] {LOGIT}).setOutputCol(INPUT)
            .transform(weighted)
            .coalesce(1);
    LogisticRegressionModel fitted =
        new LogisticRegression()
            .setFamily("binomial")
            .setFeaturesCol(INPUT)
            .setLabelCol(ModelColumns.LABEL)
            .setWeightCol(WEIGHT)
            .setRegParam(0.0)
            .setStandardization(false)
            .setMaxIter(100)
            .setTol(1e-9)
            .fit(assembled);
    double slope = fitted.coefficients().apply(0);
    double intercept = fitted.intercept();
    PlattCalibration calibration = new PlattCalibration();
    if (slope > 0 && Double.isFinite(slope) && Double.isFinite(intercept)) {
      calibration.setCoefficients(slope, intercept);
    } else {
      double rate = (hits + 1.0) / (rows + 2.0);
      LOG.warn(
          "Hit-chance calibration: on its {} rows ({} hits) a higher score does not mean more"
              + " hits (fitted slope {}); every row gets the hit rate {} as its hit chance, the"
              + " ranking stays the model's",
          rows, hits, String.format(Locale.ROOT, "%.3f", slope), String.format(Locale.ROOT, "%.4f", rate));
      calibration.setCoefficients(0.0, Math.log(rate / (1 - rate)));
    }
    LOG.info(
        "Hit-chance calibration fitted on {} rows ({} hits): slope {}, intercept {}",
        rows, hits, calibration.getSlope(), calibration.getIntercept());
    return calibration.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("hit chance calibration", schema, ModelColumns.SCORE, ModelColumns.LABEL);
    return new PlattCalibration().transformSchema(schema);
  }

  @Override
  public PlattCalibrator copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
