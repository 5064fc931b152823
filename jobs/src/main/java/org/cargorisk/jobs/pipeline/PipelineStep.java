package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;

/**
 * One configured step of the pipeline: its library call, what it records in the run's tracker
 * (counts, input files, table versions) and the result lines it prints. Its job, the nightly and
 * the benchmark all run this same code.
 */
public interface PipelineStep {
  /** Which step this is. */
  Step step();

  /** Runs the step for {@code context}'s business date, printing its result lines to {@code out}. */
  void run(JobContext context, PrintWriter out) throws Exception;
}
