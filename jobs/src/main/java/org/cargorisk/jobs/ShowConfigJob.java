package org.cargorisk.jobs;

import java.util.concurrent.Callable;
import org.cargorisk.jobs.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the effective configuration after the precedence CLI &gt; file &gt; defaults, one
 * {@code key = value   (source)} line per key, so a user sees which level each value came from.
 */
@Command(
    name = "show-config",
    mixinStandardHelpOptions = true,
    description = "Print the effective configuration (command line > --config file > defaults).")
public final class ShowConfigJob implements Callable<Integer> {
  @Mixin JobOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    for (ConfigLoader.Setting setting : options.describeConfig()) {
      out.printf("%s = %s   (%s)%n", setting.key(), setting.value(), setting.source());
    }
    out.flush();
    return 0;
  }
}
