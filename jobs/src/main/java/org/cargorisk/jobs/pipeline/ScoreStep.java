package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cargorisk.audit.AccessLog;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.scoring.DailyScoring;
import org.cargorisk.scoring.export.ExportResult;
import org.cargorisk.scoring.export.ScanListPublisher;
import org.cargorisk.scoring.selection.ScanList;

/**
 * The score step: the champion models applied to the date's features, {@code gold/scan_list},
 * {@code gold/firm_risk} and the per-office exports written, each handed-over list recorded in
 * the access log, and a line per office printed.
 */
public final class ScoreStep implements PipelineStep {
  /** The job name under which the exported lists are recorded in the access log. */
  private static final String ACCESS_LOG_JOB = "score";

  @Override
  public Step step() {
    return Step.SCORE;
  }

  @Override
  public void run(JobContext context, PrintWriter out) {
    ReferenceData reference =
        ReferenceData.load(
            context.spark().sparkContext().hadoopConfiguration(), context.config().referenceDir());
    context.jobGroup("score", "score and publish the scan lists of " + context.date());
    DailyScoring.Result result =
        new DailyScoring(context.spark(), context.lake())
            .date(context.date())
            .publisher(
                new ScanListPublisher()
                    .exportRoot(context.config().export())
                    .capacities(context.config().officeCapacities())
                    .defaultCapacityShare(context.config().defaultCapacityShare())
                    .explorationShare(context.config().explorationShare())
                    .seed(context.config().selectionSeed())
                    .watchlist(reference.watchlistFrame(context.spark())))
            .execute();
    result.inputVersions().forEach(context.tracker()::inputVersion);
    result.publication().counts().forEach((name, value) -> context.tracker().count("score." + name, value));
    context.recordLooks(ACCESS_LOG_JOB, looks(context, result.publication()));
    context.recordOutputs(org.cargorisk.lake.LakeStep.SCORE);
    out.printf(
        "scored with %s%s; scan lists of %s:%n",
        result.containerModel(),
        result.firmModel().map(f -> " and " + f).orElse(" (no firm champion, so no firm list: train one with train --model firm)"),
        context.date());
    for (ScanList.OfficeSummary office : result.publication().offices()) {
      out.printf(
          "  %s: %d candidates, capacity %d: %d RULE, %d MODEL, %d RANDOM%n",
          office.office(), office.candidates(), office.capacity(), office.rule(), office.model(), office.random());
    }
    out.flush();
  }

  /** One look per office's exported list, and the firm list when there is one. */
  static List<AccessLog.Look> looks(JobContext context, ScanListPublisher.Publication publication) {
    List<AccessLog.Look> looks = new ArrayList<>();
    for (ExportResult.OfficeExport office : publication.exports().offices()) {
      looks.add(
          new AccessLog.Look(
              AccessLog.Kind.SCAN_LIST, office.office(), publication.date(), office.rows(), office.csvPath()));
    }
    if (publication.firms() > 0) {
      looks.add(
          new AccessLog.Look(
              AccessLog.Kind.FIRM_LIST, null, publication.date(), publication.firms(), context.lake().firmRisk()));
    }
    return looks;
  }
}
