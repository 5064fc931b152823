package org.cargorisk.models.training;

import java.io.InputStream;
import java.io.OutputStream;
import ml.dmlc.xgboost4j.scala.Booster;
import ml.dmlc.xgboost4j.scala.XGBoost;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import scala.Option;

/**
 * A fitted XGBoost classifier as a pipeline stage that saves and loads on Spark 4.
 *
 * <p>Why: XGBoost4J-Spark 3.1.1 is built against Spark 3.5, whose json4s API differs from Spark
 * 4's. Its own writer fails on its custom params and its reader on Spark's metadata record
 * ({@code NoSuchMethodError}), so a {@code PipelineModel} holding the bare XGBoost model can be
 * fitted and used but not saved to or loaded from the registry. This stage writes the same files
 * through Spark 4's own metadata writer and XGBoost's booster format ({@code <path>/xgboost/}:
 * {@code metadata/} with every set param, {@code data/model} the booster in UBJSON), and reads
 * them back the same way. Everything else (transform, schema, params) is the wrapped model's.
 */
public final class XGBoostStage extends Transformer implements MLWritable {
  private static final long serialVersionUID = 1L;
  private static final String MODEL_FOLDER = "xgboost";
  private static final String BOOSTER_FILE = "data/model";
  private static final String BOOSTER_FORMAT = "ubj";

  private final String uid;
  private final XGBoostClassificationModel model;

  public XGBoostStage(XGBoostClassificationModel model) {
    this(Identifiable$.MODULE$.randomUID("xgboostStage"), model);
  }

  public XGBoostStage(String uid, XGBoostClassificationModel model) {
    this.uid = uid;
    this.model = model;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The wrapped XGBoost model (its booster, params and output columns). */
  public XGBoostClassificationModel model() {
    return model;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return model.transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return model.transformSchema(schema);
  }

  @Override
  public XGBoostStage copy(ParamMap extra) {
    return new XGBoostStage(uid, model.copy(extra));
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<XGBoostStage> read() {
    return new Reader();
  }

  public static XGBoostStage load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final XGBoostStage stage;

    Writer(XGBoostStage stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sparkSession());
      XGBoostClassificationModel model = stage.model();
      // customObj / customEval default to null and are never used here; Spark 4 cannot encode
      // them with XGBoost's (Spark 3.5) json4s calls, so they are left out of the metadata.
      model.defaultParamMap().remove(model.customObj());
      model.defaultParamMap().remove(model.customEval());
      Path folder = new Path(path, MODEL_FOLDER);
      DefaultParamsWriter$.MODULE$.saveMetadata(model, folder.toString(), sparkSession());
      Path booster = new Path(folder, BOOSTER_FILE);
      try {
        FileSystem fs = booster.getFileSystem(sc().hadoopConfiguration());
        try (OutputStream out = fs.create(booster)) {
          model.nativeBooster().saveModel(out, BOOSTER_FORMAT);
        }
      } catch (Exception e) {
        throw CargoRiskErrors.storageFailure("Cannot save the XGBoost booster to " + booster, e);
      }
    }
  }

  private static final class Reader extends MLReader<XGBoostStage> {
    @Override
    public XGBoostStage load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), XGBoostStage.class.getName());
      Path folder = new Path(path, MODEL_FOLDER);
      DefaultParamsReader.Metadata modelMetadata =
          DefaultParamsReader$.MODULE$.loadMetadata(
              folder.toString(), sparkSession(), XGBoostClassificationModel.class.getName());
      Path file = new Path(folder, BOOSTER_FILE);
      Booster booster;
      try {
        FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
        try (InputStream in = fs.open(file)) {
          booster = XGBoost.loadModel(in);
        }
      } catch (Exception e) {
        throw CargoRiskErrors.storageFailure("Cannot load the XGBoost booster from " + file, e);
      }
      XGBoostClassificationModel model =
          new XGBoostClassificationModel(modelMetadata.uid(), 2, booster, Option.empty());
      modelMetadata.getAndSetParams(model, Option.empty());
      return new XGBoostStage(metadata.uid(), model);
    }
  }
}
