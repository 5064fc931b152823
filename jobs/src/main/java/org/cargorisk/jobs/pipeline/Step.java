package org.cargorisk.jobs.pipeline;

import java.time.LocalDate;
import java.util.Locale;
import org.cargorisk.lake.LakeStep;

/** The steps of the pipeline, in the order a night runs them. */
public enum Step {
  INGEST(LakeStep.INGEST),
  FEATURES(LakeStep.FEATURES),
  TRAIN(LakeStep.TRAIN),
  SCORE(LakeStep.SCORE),
  FEEDBACK(LakeStep.FEEDBACK);

  private final LakeStep lakeStep;

  Step(LakeStep lakeStep) {
    this.lakeStep = lakeStep;
  }

  /** The lake's declaration of what this step reads and writes. */
  public LakeStep lakeStep() {
    return lakeStep;
  }

  /** The step's name as on the command line, in job groups and in the run record's steps. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The step as its own job runs it with no options but {@code from}: the first date of a range
   * for ingest (landing dates) and features (as_of dates), ignored by the others (null = the
   * business date only).
   */
  public PipelineStep withDefaults(LocalDate from) {
    return switch (this) {
      case INGEST -> new IngestStep().from(from);
      case FEATURES -> new FeaturesStep().from(from);
      case TRAIN -> new TrainStep();
      case SCORE -> new ScoreStep();
      case FEEDBACK -> new FeedbackStep();
    };
  }
}
