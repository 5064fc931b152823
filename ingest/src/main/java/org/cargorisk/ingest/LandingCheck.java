package org.cargorisk.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * The checks that keep a mistyped or empty landing area from passing as a quiet night
 * (docs/INGEST.md, "Empty nights"): the landing root must exist, and every business date must
 * have files for the {@linkplain #DAILY daily sources}.
 */
public final class LandingCheck {
  /**
   * Sources due every business date. A port works every day: a day without manifests, port calls
   * or container events means the delivery failed or the path or date is wrong, not a quiet day.
   * Firms, transactions, inspections and firm labels may legitimately have nothing on a day (the
   * bundled sample has days with no new firm, label or inspection), so they are not checked.
   */
  public static final Set<Source> DAILY =
      EnumSet.of(Source.MANIFESTS, Source.PORT_CALLS, Source.CONTAINER_EVENTS);

  /** Gaps named in one message; the rest are counted. */
  private static final int NAMED_GAPS = 10;

  private LandingCheck() {}

  /**
   * A daily source with no landing file on a date.
   *
   * @param date the business date
   * @param source the source
   * @param folder the folder looked in
   */
  public record Gap(LocalDate date, Source source, String folder) {
    @Override
    public String toString() {
      return date + " " + source.sourceName() + " (looked in " + folder + ")";
    }
  }

  /**
   * Fails, naming the path, when the landing root does not exist or is not a folder: a typo in
   * {@code --landing} must not read as a night without data. Only lists the root: no Spark job.
   */
  public static void requireRoot(Configuration conf, String landing) {
    Path root = new Path(landing);
    FileStatus status;
    try {
      FileSystem fs = root.getFileSystem(conf);
      status = fs.exists(root) ? fs.getFileStatus(root) : null;
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot read the landing area " + landing, e);
    }
    if (status == null || !status.isDirectory()) {
      throw CargoRiskErrors.missingInput(
          "Landing area",
          landing + (status == null ? " (no such folder)" : " (a file, not a folder)"),
          "Check --landing (or 'landing' in the configuration file): it is the folder that holds"
              + " <source>/date=YYYY-MM-DD/ folders, e.g. data-samples/landing.");
    }
  }

  /** Daily sources without files, per date of [first, last], in date then source order. */
  public static List<Gap> gaps(
      String landing, Map<Source, Map<LocalDate, List<LandingFile>>> filesByDate, LocalDate first, LocalDate last) {
    List<Gap> gaps = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (Source source : DAILY) {
        List<LandingFile> files = filesByDate.getOrDefault(source, Map.of()).get(day);
        if (files == null || files.isEmpty()) {
          gaps.add(new Gap(day, source, LandingReader.folder(landing, source, day)));
        }
      }
    }
    return List.copyOf(gaps);
  }

  /** The gaps in words: each named (date, source, folder), up to ten, then how many more. */
  public static String describe(List<Gap> gaps) {
    String named = gaps.stream().limit(NAMED_GAPS).map(Gap::toString).collect(Collectors.joining("; "));
    int more = gaps.size() - NAMED_GAPS;
    return named + (more > 0 ? "; and " + more + " more" : "");
  }

  /** The error for a night (or catch-up range) with gaps. */
  public static RuntimeException emptyNight(List<Gap> gaps) {
    return CargoRiskErrors.missingLandingFiles(
        describe(gaps),
        "Manifests, port calls and container events arrive every business date, so a date without"
            + " them means a failed delivery or a wrong --landing or --date. Check the folders;"
            + " to record the night as EMPTY without publishing lists, re-run with --allow-empty.");
  }
}
