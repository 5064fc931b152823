package org.cargorisk.models.training;

import org.cargorisk.errors.CargoRiskErrors;

/**
 * The parameters of a training and of the periods around it, validated once: what {@code train},
 * {@code promote}, {@code nightly} and {@code bench-step} use, read from the configuration keys
 * named here (an out-of-range value is a user error naming its key, the value and the range).
 *
 * @param maxIter number of trees (gradient-boosted trees)
 * @param maxDepth depth of each tree
 * @param stepSize learning rate
 * @param seed training seed
 * @param validationWeeks most recent weeks held out for validation (time-based split)
 * @param labelDelayDays days an inspection outcome takes to arrive: the validation period ends
 *     this many days before the training date, and younger containers do not train
 */
public record TrainingParams(
    int maxIter, int maxDepth, double stepSize, long seed, int validationWeeks, int labelDelayDays) {

  public static final String MAX_ITER_KEY = "model.gbt.max-iter";
  public static final String MAX_DEPTH_KEY = "model.gbt.max-depth";
  public static final String STEP_SIZE_KEY = "model.gbt.step-size";
  public static final String SEED_KEY = "model.seed";
  public static final String VALIDATION_WEEKS_KEY = "model.validation-weeks";
  /**
   * Days an inspection outcome takes to arrive after the scan: containers of the last days
   * before the training date have no outcome yet, so they neither train nor validate.
   */
  public static final String LABEL_DELAY_DAYS_KEY = "model.label-delay-days";

  /** The defaults: 60 trees of depth 5, step 0.1, seed 42, 3 validation weeks, 7 days' delay. */
  public static final TrainingParams DEFAULTS = new TrainingParams(60, 5, 0.1, 42, 3, 7);

  public TrainingParams {
    requireBetween(MAX_ITER_KEY, maxIter, 1, 1000);
    requireBetween(MAX_DEPTH_KEY, maxDepth, 1, 30);
    if (!(stepSize > 0 && stepSize <= 1)) {
      throw CargoRiskErrors.invalidConfiguration(STEP_SIZE_KEY, stepSize, "must be in (0, 1]");
    }
    requireBetween(VALIDATION_WEEKS_KEY, validationWeeks, 1, 52);
    requireBetween(LABEL_DELAY_DAYS_KEY, labelDelayDays, 0, 365);
  }

  private static void requireBetween(String key, int value, int least, int most) {
    if (value < least || value > most) {
      throw CargoRiskErrors.invalidConfiguration(
          key, value, "must be between " + least + " and " + most);
    }
  }
}
