package org.cargorisk.scoring.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a local HTML file in headless Chromium ({@code --dump-dom}: the DOM after scripts
 * ran) for the report tests. The binary is {@code $CHROMIUM} or /usr/bin/chromium (Debian
 * package {@code chromium}); without it the calling test is skipped with a message saying how
 * to install it (CI installs it with .ci/install-browsers.sh).
 */
public final class HeadlessChromium {
  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private HeadlessChromium() {}

  public static Path binary() {
    String configured = System.getenv("CHROMIUM");
    Path path = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    assumeTrue(
        Files.isExecutable(path),
        "Skipped: headless Chromium not found at " + path
            + " (install the Debian package: apt-get install -y chromium, or set CHROMIUM)");
    return path;
  }

  /** The DOM of {@code page} after its scripts ran. */
  public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path out = scratch.resolve("dom-" + page.getFileName() + ".html");
    Path err = scratch.resolve("chromium-" + page.getFileName() + ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    binary().toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--dump-dom",
                    page.toUri().toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    // Generous: a loaded shared machine slows Chromium's start far more than the page itself.
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 300 s rendering " + page);
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 || dom.isBlank()) {
      throw new AssertionError(
          "chromium exited " + process.exitValue() + " rendering " + page + ": " + Files.readString(err));
    }
    return dom;
  }

  /**
   * Runs headless Chromium on {@code page} with extra flags ({@code --screenshot=...}, {@code
   * --print-to-pdf=...}, {@code --window-size=...}) and waits for it; fails when it does not
   * finish or exits non-zero. For the export tests, which look at a page as printed. Returns what
   * Chromium printed (the DOM with {@code --dump-dom}, followed by its log lines).
   */
  public static String render(Path page, Path scratch, String... flags) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path err = Files.createTempFile(scratch, "chromium-render-", ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                binary().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    command.addAll(List.of(flags));
    command.add(page.toUri().toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 300 s rendering " + page);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "chromium exited " + process.exitValue() + " rendering " + page + ": " + Files.readString(err));
    }
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** The document title in a dumped DOM. */
  public static String title(String dom) {
    Matcher matcher = TITLE.matcher(dom);
    return matcher.find() ? matcher.group(1) : "";
  }
}
