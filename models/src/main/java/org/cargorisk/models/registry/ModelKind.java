package org.cargorisk.models.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.training.Labels;

/**
 * The two models CargoRisk trains, with everything that differs between them: the silver table
 * of their features, the bronze source of their labels, the feature catalog, what identifies a
 * labelled row, its date column, how labels arrive and at which capacity the model is measured.
 *
 * <p>The {@link #modelName() name} is what the registry table, the run records, the model
 * folders and the command line hold ("container", "firm"); it never changes, so a lake written
 * by an earlier version still reads. Parse it with {@link #fromName}.
 */
public enum ModelKind {
  /** Containers on their B/L, by day: silver/container_features labelled by bronze inspections. */
  CONTAINER("container", "containers", Source.INSPECTIONS, ModelColumns.AS_OF) {
    @Override
    public LakeTable featureTable() {
      return LakeTables.CONTAINER_FEATURES;
    }

    @Override
    public List<FeatureSpec> features() {
      return FeatureCatalog.container();
    }

    @Override
    public List<String> rowKey() {
      return List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID, ModelColumns.AS_OF);
    }

    @Override
    public Dataset<Row> trainingSet(
        Dataset<Row> features, Dataset<Row> labels, LocalDate cutoff, int labelDelayDays) {
      return Labels.containerTrainingSet(features, labels, cutoff, labelDelayDays);
    }

    @Override
    public Dataset<Row> evaluationSet(
        Dataset<Row> features, Dataset<Row> labels, LocalDate from, LocalDate to) {
      return Labels.containerEvaluationSet(features, labels, from, to);
    }

    @Override
    public LocalDate lastTrainableDay(LocalDate cutoff, int labelDelayDays) {
      // An inspection outcome takes the label delay to arrive: younger containers have none yet.
      return cutoff.minusDays(labelDelayDays + 1L);
    }

    @Override
    public ModelEvaluator evaluator(Map<String, Integer> officeCapacities) {
      return new ModelEvaluator().officeCapacities(officeCapacities);
    }
  },

  /** Transport firms, by label date: silver/firm_features labelled by bronze firm_labels. */
  FIRM("firm", "firms", Source.FIRM_LABELS, ModelColumns.LABELLED_AT) {
    @Override
    public LakeTable featureTable() {
      return LakeTables.FIRM_FEATURES;
    }

    @Override
    public List<FeatureSpec> features() {
      return FeatureCatalog.firm();
    }

    @Override
    public List<String> rowKey() {
      return List.of(Contracts.FIRM_ID, ModelColumns.LABELLED_AT);
    }

    @Override
    public Dataset<Row> trainingSet(
        Dataset<Row> features, Dataset<Row> labels, LocalDate cutoff, int labelDelayDays) {
      // A firm label is dated when it is given: there is no outcome to wait for.
      return Labels.firmTrainingSet(features, labels, cutoff);
    }

    @Override
    public Dataset<Row> evaluationSet(
        Dataset<Row> features, Dataset<Row> labels, LocalDate from, LocalDate to) {
      return Labels.firmTrainingSet(features, labels, to.plusDays(1))
          .where(col(ModelColumns.LABELLED_AT).geq(lit(from)));
    }

    @Override
    public LocalDate lastTrainableDay(LocalDate cutoff, int labelDelayDays) {
      return cutoff.minusDays(1);
    }

    @Override
    public ModelEvaluator evaluator(Map<String, Integer> officeCapacities) {
      // Office capacities apply to containers; firms are measured at the investigators' capacity.
      return new ModelEvaluator().capacityPerDay(FIRM_INVESTIGATIONS_PER_WEEK / 7.0);
    }
  };

  /**
   * Firms the financial investigators can open per week: the capacity at which the firm model's
   * precision is measured (and the promotion guard compares it with rules-only).
   */
  public static final int FIRM_INVESTIGATIONS_PER_WEEK = 5;

  private final String modelName;
  private final String entities;
  private final Source labelSource;
  private final String dateColumn;

  ModelKind(String modelName, String entities, Source labelSource, String dateColumn) {
    this.modelName = modelName;
    this.entities = entities;
    this.labelSource = labelSource;
    this.dateColumn = dateColumn;
  }

  /** The name in the registry, run records, model folders and on the command line. */
  public String modelName() {
    return modelName;
  }

  /** What the model ranks, in words: "containers" or "firms". */
  public String entities() {
    return entities;
  }

  /** The bronze source whose records label the rows. */
  public Source labelSource() {
    return labelSource;
  }

  /** The date of a labelled row: the split into training and validation weeks is on it. */
  public String dateColumn() {
    return dateColumn;
  }

  /** Path of the silver table of the model's features. */
  public abstract LakeTable featureTable();

  /** The model's features, from {@link FeatureCatalog}. */
  public abstract List<FeatureSpec> features();

  /**
   * What identifies a labelled row: a container on its B/L at a date; a firm's label date. Also
   * the key of the calibration split.
   */
  public abstract List<String> rowKey();

  /** The point-in-time labelled rows a training at {@code cutoff} may use. */
  public abstract Dataset<Row> trainingSet(
      Dataset<Row> features, Dataset<Row> labels, LocalDate cutoff, int labelDelayDays);

  /** The labelled rows of a period, unscored. */
  public abstract Dataset<Row> evaluationSet(
      Dataset<Row> features, Dataset<Row> labels, LocalDate from, LocalDate to);

  /** The last day whose rows carry a label at a training at {@code cutoff}. */
  public abstract LocalDate lastTrainableDay(LocalDate cutoff, int labelDelayDays);

  /** The evaluator measuring this model at the capacity its users have. */
  public abstract ModelEvaluator evaluator(Map<String, Integer> officeCapacities);

  /** Every model name, for messages: [container, firm]. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ModelKind::modelName).toList();
  }

  /**
   * The kind of a name as the registry, a run record or the command line holds it; an unknown
   * name is a user error naming the option it came from.
   *
   * @param option the option or configuration key the name was given in, e.g. {@code --model}
   */
  public static ModelKind fromName(String option, String name) {
    for (ModelKind kind : values()) {
      if (kind.modelName.equals(name)) {
        return kind;
      }
    }
    throw CargoRiskErrors.invalidConfiguration(option, name, "must be one of " + names());
  }

  @Override
  public String toString() {
    return modelName;
  }
}
