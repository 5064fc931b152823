package org.cargorisk.jobs;

import java.util.concurrent.Callable;
import org.cargorisk.jobs.config.CargoRiskConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the effective configuration after the precedence CLI &gt; file &gt; defaults. */
@Command(
    name = "show-config",
    mixinStandardHelpOptions = true,
    description = "Print the effective configuration (command line > --config file > defaults).")
public final class ShowConfigJob implements Callable<Integer> {
  @Mixin JobOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CargoRiskConfig config = options.loadConfig(java.util.Map.of());
    spec.commandLine().getOut().println(config);
    return 0;
  }
}
