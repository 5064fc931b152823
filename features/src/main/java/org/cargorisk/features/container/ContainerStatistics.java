package org.cargorisk.features.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.fitted.LaneRoute;
import org.cargorisk.features.fitted.LaneRouteModel;
import org.cargorisk.features.fitted.PeerRobustZ;
import org.cargorisk.features.fitted.PeerRobustZModel;

/**
 * The fitted statistics of the container features, fitted on manifests known before a date:
 * value per kg per HS heading, gross weight per HS heading and container type, and each lane's
 * usual route. Saved with the features and loaded again, so that a later run (or a re-run of a
 * past date) computes the same features from the same statistics.
 */
public record ContainerStatistics(
    PeerRobustZModel valuePerKg, PeerRobustZModel weight, LaneRouteModel lanes) {

  static final String VALUE_PER_KG = "value_per_kg";
  static final String WEIGHT = "weight";
  static final String LANES = "lanes";

  /** Fits the three statistics on prepared history (see {@link ContainerFeatures}). */
  static ContainerStatistics fit(Dataset<Row> history) {
    PeerRobustZModel valuePerKg =
        new PeerRobustZ()
            .setInputCol(ContainerFeatures.VALUE_PER_KG)
            .setGroupCol(ContainerFeatures.HS_HEADING)
            .setOutputCol(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z)
            .fit(history);
    PeerRobustZModel weight =
        new PeerRobustZ()
            .setInputCol(ContainerFeatures.WEIGHT_KG)
            .setGroupCol(ContainerFeatures.WEIGHT_GROUP)
            .setOutputCol(ContainerFeatureColumns.WEIGHT_ROBUST_Z)
            .setRatioCol(ContainerFeatureColumns.WEIGHT_EXPECTED_RATIO)
            .fit(history);
    LaneRouteModel lanes =
        new LaneRoute()
            .setLaneCol(ContainerFeatures.LANE)
            .setRouteCol(ContainerFeatures.ROUTE)
            .setCallsCol(ContainerFeatureColumns.ROUTE_INTERMEDIATE_CALLS)
            .setDetourCol(ContainerFeatureColumns.ROUTE_DETOUR_CALLS)
            .setUnusualRouteCol(ContainerFeatureColumns.ROUTE_UNUSUAL)
            .setNewLaneCol(ContainerFeatureColumns.LANE_NEW)
            .fit(history);
    return new ContainerStatistics(valuePerKg, weight, lanes);
  }

  /** Saves the three models below a folder (overwriting). */
  public void save(String path) {
    try {
      valuePerKg.write().overwrite().save(path + "/" + VALUE_PER_KG);
      weight.write().overwrite().save(path + "/" + WEIGHT);
      lanes.write().overwrite().save(path + "/" + LANES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw CargoRiskErrors.storageFailure("Cannot save the feature statistics to " + path, e);
    }
  }

  /** Loads statistics saved by {@link #save}. */
  public static ContainerStatistics load(String path) {
    try {
      return new ContainerStatistics(
          PeerRobustZModel.load(path + "/" + VALUE_PER_KG),
          PeerRobustZModel.load(path + "/" + WEIGHT),
          LaneRouteModel.load(path + "/" + LANES));
    } catch (RuntimeException e) {
      throw CargoRiskErrors.missingInput(
          "Feature statistics", path,
          "Give a folder written by the features job (models/feature-statistics/<date>). Cause: "
              + CargoRiskErrors.rootMessage(e));
    }
  }
}
