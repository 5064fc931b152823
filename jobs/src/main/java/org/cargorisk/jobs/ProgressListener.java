package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress inside a long step, on the console: the sub-stage that runs (the Spark job group that
 * names it, e.g. {@code features firm 2026-03-31}), how long it has run, and the share of its
 * current Spark job's tasks done:
 *
 * <pre>  features firm 2026-03-31 (1 min 20 s): Spark job 14, 37 of 80 tasks done (46 %)</pre>
 *
 * <p>"Spark job 14" counts the Spark jobs of the sub-stage so far; its tasks are those of the
 * job's stages submitted so far (a later stage adds its own when it starts).
 *
 * <p>Throttled: a line only when nothing was printed for {@link #interval} (the job's own step
 * lines count, see {@link #quietFromNow()}), so a step shorter than that prints none and a long
 * one prints a line every interval. Lines come from task ends, so a single task running longer
 * than the interval prints nothing until it ends.
 *
 * <p>Installed by the command line only ({@link SparkJob#call()}): library callers and tests that
 * call {@link SparkJob#execute} get no console lines. Progress is a courtesy: a failure here is
 * logged and never fails the job.
 */
final class ProgressListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

  /** Seconds between progress lines (default {@value #DEFAULT_SECONDS}; 0 or less: none). */
  static final String PROPERTY = "cargorisk.progress-seconds";

  static final long DEFAULT_SECONDS = 15;

  /** The local property setJobGroup sets (SparkContext's constant for it is not public). */
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final PrintWriter out;
  private final Clock clock;
  private final Duration interval;

  // All state below is guarded by this: Spark's listener bus thread writes it, the job's thread
  // resets the quiet time and closes.
  private Instant quietSince;
  private boolean closed;
  private boolean failed;
  private String group;
  private Instant groupStarted;
  private int jobsInGroup;
  private int currentJob = -1;
  private int currentJobNumber;
  private final Map<Integer, Integer> jobOfStage = new HashMap<>();
  private final Map<Integer, long[]> tasksOfJob = new HashMap<>();

  ProgressListener(PrintWriter out, Clock clock, Duration interval) {
    this.out = out;
    this.clock = clock;
    this.interval = interval;
    this.quietSince = clock.instant();
  }

  /** The interval of {@value #PROPERTY}, or the default; empty when progress lines are off. */
  static java.util.Optional<Duration> configuredInterval() {
    String value = System.getProperty(PROPERTY);
    long seconds = DEFAULT_SECONDS;
    if (value != null && !value.isBlank()) {
      try {
        seconds = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        LOG.info("Ignoring {}={}: not a whole number of seconds", PROPERTY, value);
      }
    }
    return seconds > 0 ? java.util.Optional.of(Duration.ofSeconds(seconds)) : java.util.Optional.empty();
  }

  /** The job printed a line (a step started): the next progress line is an interval away. */
  synchronized void quietFromNow() {
    quietSince = clock.instant();
  }

  /** No line after this returns (events still queued on the listener bus are ignored). */
  synchronized void close() {
    closed = true;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    try {
      String jobGroup =
          jobStart.properties() == null ? null : jobStart.properties().getProperty(JOB_GROUP);
      if (jobGroup == null) {
        return; // not a step's job: nothing to name it by
      }
      if (!jobGroup.equals(group)) {
        group = jobGroup;
        groupStarted = clock.instant();
        jobsInGroup = 0;
      }
      jobsInGroup++;
      currentJob = jobStart.jobId();
      currentJobNumber = jobsInGroup;
      tasksOfJob.put(jobStart.jobId(), new long[2]);
      for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())) {
        jobOfStage.put((Integer) stage, jobStart.jobId());
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
    try {
      long[] tasks = tasksOfJob.get(jobOfStage.get(stageSubmitted.stageInfo().stageId()));
      if (tasks != null) {
        tasks[0] += stageSubmitted.stageInfo().numTasks();
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    try {
      Integer job = jobOfStage.get(taskEnd.stageId());
      long[] tasks = job == null ? null : tasksOfJob.get(job);
      if (tasks != null && taskEnd.reason() == Success$.MODULE$) {
        tasks[1]++;
      }
      if (job != null && job == currentJob) {
        printIfQuiet(tasks);
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
    try {
      tasksOfJob.remove(jobEnd.jobId());
      jobOfStage.values().removeIf(job -> job == jobEnd.jobId());
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void printIfQuiet(long[] tasks) {
    Instant now = clock.instant();
    if (closed || failed || group == null || tasks == null || tasks[0] == 0
        || Duration.between(quietSince, now).compareTo(interval) < 0) {
      return;
    }
    long done = Math.min(tasks[1], tasks[0]);
    out.printf(
        Locale.ROOT,
        "  %s (%s): Spark job %d, %d of %d tasks done (%d %%)%n",
        group.toLowerCase(Locale.ROOT),
        duration(Duration.between(groupStarted, now)),
        currentJobNumber,
        done,
        tasks[0],
        done * 100 / tasks[0]);
    out.flush();
    quietSince = now;
  }

  /** A broken progress line must not break the run: log it once (log file) and stop printing. */
  private void fail(RuntimeException e) {
    if (!failed) {
      failed = true;
      LOG.info("Progress lines stopped after an error in the progress listener", e);
    }
  }

  /** "45 s", "2 min 05 s", as a person reads a wait. */
  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return seconds < 60
        ? seconds + " s"
        : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }
}
