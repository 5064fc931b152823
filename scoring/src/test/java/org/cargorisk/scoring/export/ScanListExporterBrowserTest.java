package org.cargorisk.scoring.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.scoring.report.HeadlessChromium;
import org.cargorisk.scoring.selection.Candidates;
import org.cargorisk.scoring.selection.ScanList;
import org.cargorisk.scoring.selection.ScanListSelector;
import org.cargorisk.scoring.selection.ScanListTables;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan-list HTML as an officer prints it, in headless Chromium: an A4 landscape PDF (every
 * page 842 × 595 pt), a page whose table fits the printable width of the sheet, and a
 * screenshot at A4 landscape size kept in {@code models/target/screenshots/} for a person to
 * look at. Skipped (with a message saying how to install it) where Chromium is absent.
 */
@EndToEnd
class ScanListExporterBrowserTest {
  private static final Pattern MEDIA_BOX =
      Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)\\s*\\]");
  /** 277 mm (A4 landscape less two 10 mm margins) at 96 px per inch. */
  private static final int PRINTABLE_WIDTH_PX = 1047;

  @TempDir static Path scratch;
  private static Path html;

  @BeforeAll
  static void exportAList() {
    HeadlessChromium.binary();
    SparkSession spark = SparkTestSession.get();
    Candidates fixture = new Candidates().many("NLRTM", 30);
    fixture.add(Candidates.DATE, "NLRTM", "MAEU262431889", "MSKU9070323", 0.93, "F000121", "F004417",
        "FROZEN SHRIMPS (PENAEUS VANNAMEI) HEADLESS SHELL-ON, 10 X 2 KG CARTONS, REEFER +18C");
    fixture.add(Candidates.DATE, "NLRTM", "HLCUGYE2603118", "HLBU1234563", 0.88, "F000122", "F000988",
        "BANANAS FRESH CAVENDISH");
    Dataset<Row> watchlist =
        Candidates.watchlist(
            spark, Candidates.entry("CONTAINER", "HLBU1234563", "tip-off 2026/17", Candidates.DATE, null));
    ScanList list =
        new ScanListSelector()
            .date(Candidates.DATE)
            .seed(5L)
            .capacities(Map.of("NLRTM", 24))
            .watchlist(watchlist)
            .select(fixture.frame(spark));
    Lake lake = new Lake(scratch.resolve("lake").toString());
    ScanListTables.writeScanList(lake, Candidates.DATE, list.rows());
    ExportResult result =
        new ScanListExporter()
            .exportRoot(scratch.resolve("export").toString())
            .date(Candidates.DATE)
            .exportTable(spark, lake);
    html = Path.of(result.offices().get(0).htmlPath());
  }

  @Test
  void printsOnA4LandscapePages() throws Exception {
    Path pdf = scratch.resolve("scan_list.pdf");

    HeadlessChromium.render(html, scratch, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);

    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    Matcher boxes = MEDIA_BOX.matcher(text);
    List<double[]> pages = new ArrayList<>();
    while (boxes.find()) {
      pages.add(new double[] {Double.parseDouble(boxes.group(1)), Double.parseDouble(boxes.group(2))});
    }
    assertThat(pages).as("pages of the PDF").isNotEmpty();
    for (double[] page : pages) {
      // A4 is 210 × 297 mm = 595.3 × 841.9 pt; landscape puts the long side across.
      assertThat(page[0]).isCloseTo(841.9, org.assertj.core.api.Assertions.within(1.0));
      assertThat(page[1]).isCloseTo(595.3, org.assertj.core.api.Assertions.within(1.0));
    }
  }

  @Test
  void theTableFitsThePrintableWidthAndAScreenshotIsKept() throws Exception {
    // A copy of the page (the export itself has no script) that reports whether anything sticks
    // out to the right at the width of the printable A4 landscape area.
    Path probe = scratch.resolve("probe.html");
    Files.writeString(
        probe,
        Files.readString(html)
            .replace(
                "</body>",
                "<script>var w=document.documentElement.scrollWidth;document.title="
                    + "(w<=window.innerWidth?'fits':'overflow:'+w+'>'+window.innerWidth);</script></body>"));
    String dom =
        HeadlessChromium.render(probe, scratch, "--window-size=" + PRINTABLE_WIDTH_PX + ",740", "--dump-dom");
    assertThat(HeadlessChromium.title(dom)).isEqualTo("fits");

    Path screenshots = Path.of("target", "screenshots");
    Files.createDirectories(screenshots);
    Path png = screenshots.resolve("scan_list_a4_landscape.png").toAbsolutePath();
    Files.deleteIfExists(png);

    HeadlessChromium.render(html, scratch, "--window-size=1123,794", "--screenshot=" + png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("screenshot at %s", png).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1123);
    assertThat(Files.size(png)).isGreaterThan(20_000);
  }
}
