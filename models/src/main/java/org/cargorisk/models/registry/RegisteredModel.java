package org.cargorisk.models.registry;

import org.apache.spark.ml.PipelineModel;

/** A registry entry with its loaded pipeline, ready to score. */
public record RegisteredModel(ModelVersion entry, PipelineModel pipeline) {}
