package org.cargorisk.scoring.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import org.cargorisk.scoring.report.ChartData.CalibrationBin;
import org.cargorisk.scoring.report.ChartData.CategoryValue;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.scoring.report.ChartData.ScoreBin;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report charts, drawn by JFreeChart on JFreeSVG's {@link SVGGraphics2D} and returned as
 * inline {@code <svg>} elements (no images, no scripts, no external references). Each chart's
 * SVG definitions (clip paths, gradients) are prefixed with its id, so several charts can share
 * one HTML page.
 */
public final class ReportCharts {
  /** Default size of a chart in CSS pixels. */
  public static final int WIDTH = 720;

  public static final int HEIGHT = 400;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x7f7f7f), new Color(0x2ca02c), new Color(0x9467bd)
  };
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

  private ReportCharts() {}

  /**
   * One rendered chart.
   *
   * @param id the {@code id} of its {@code <svg>} element (unique in the page)
   * @param title what it shows
   * @param svg the {@code <svg>} element
   */
  public record Chart(String id, String title, String svg) {}

  /** What a k curve plots. */
  public enum Measure {
    PRECISION("precision@k (hit rate)"),
    RECALL("recall@k (share of all hits found)"),
    LIFT("lift@k (times better than random)");

    private final String label;

    Measure(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    double of(RankPoint point) {
      return switch (this) {
        case PRECISION -> point.precision();
        case RECALL -> point.recall();
        case LIFT -> point.lift();
      };
    }
  }

  /** Curves of a measure over the share of rows inspected (log axis: the low k matter most). */
  public static Chart rankChart(String id, String title, Measure measure, List<RankCurve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (RankCurve curve : curves) {
      XYSeries series = new XYSeries(curve.name(), false, true);
      for (RankPoint point : curve.points()) {
        double value = measure.of(point);
        if (!Double.isNaN(value)) {
          series.add(point.share() * 100, value);
        }
      }
      data.addSeries(series);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(title, "share of containers inspected (%)", measure.label(), data);
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = new LogAxis("share inspected (%, log scale)");
    axis.setNumberFormatOverride(new DecimalFormat("0.#"));
    axis.setSmallestValue(0.1);
    plot.setDomainAxis(axis);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    plot.setRenderer(renderer);
    style(chart);
    return render(id, title, chart);
  }

  /** Mean predicted probability against the observed hit rate per bin, with the diagonal. */
  public static Chart calibrationChart(String id, String title, List<CalibrationBin> bins) {
    XYSeries observed = new XYSeries("observed hit rate per score bin", false, true);
    double max = 0.01;
    for (CalibrationBin bin : bins) {
      observed.add(bin.meanScore(), bin.hitRate());
      max = Math.max(max, Math.max(bin.meanScore(), bin.hitRate()));
    }
    XYSeries perfect = new XYSeries("perfect calibration", false, true);
    perfect.add(0.0, 0.0);
    perfect.add(Math.min(1.0, max * 1.05), Math.min(1.0, max * 1.05));
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(observed);
    data.addSeries(perfect);
    JFreeChart chart =
        ChartFactory.createXYLineChart(title, "mean predicted hit probability (score)", "observed hit rate", data);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesShapesVisible(1, false);
    renderer.setSeriesStroke(
        1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    chart.getXYPlot().setRenderer(renderer);
    style(chart);
    return render(id, title, chart);
  }

  /** Share of hits and of non-hits in each score bin (each class sums to 1). */
  public static Chart scoreHistogramChart(String id, String title, List<ScoreBin> bins) {
    long hits = bins.stream().mapToLong(ScoreBin::hits).sum();
    long nonHits = bins.stream().mapToLong(ScoreBin::nonHits).sum();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ScoreBin bin : bins) {
      String label = String.format(Locale.ROOT, "%.2f", bin.lower());
      data.addValue(hits == 0 ? 0 : (double) bin.hits() / hits, "hits (" + hits + ")", label);
      data.addValue(nonHits == 0 ? 0 : (double) bin.nonHits() / nonHits, "non-hits (" + nonHits + ")", label);
    }
    JFreeChart chart =
        ChartFactory.createBarChart(title, "model score (bin start)", "share of the class", data);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    ((BarRenderer) plot.getRenderer()).setItemMargin(0.0);
    style(chart);
    return render(id, title, chart);
  }

  /** Horizontal bars of the strongest features. */
  public static Chart importanceChart(String id, String title, List<FeatureWeight> weights, int top) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    weights.stream().limit(top).forEach(w -> data.addValue(w.weight(), "importance", w.feature()));
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, "feature", "share of importance", data, PlotOrientation.HORIZONTAL, false, false, false);
    style(chart);
    int height = Math.max(HEIGHT, 60 + 22 * (int) Math.min(top, weights.size()));
    return render(id, title, chart, WIDTH, height);
  }

  /** Bars per category, one colour per series, stacked or side by side. */
  public static Chart barChart(
      String id, String title, String categoryLabel, String valueLabel, List<CategoryValue> values, boolean stacked) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach(v -> data.addValue(v.value(), v.series(), v.category()));
    JFreeChart chart =
        stacked
            ? ChartFactory.createStackedBarChart(
                title, categoryLabel, valueLabel, data, PlotOrientation.HORIZONTAL, true, false, false)
            : ChartFactory.createBarChart(
                title, categoryLabel, valueLabel, data, PlotOrientation.HORIZONTAL, true, false, false);
    chart.getCategoryPlot().setNoDataMessage("no data");
    style(chart);
    long categories = values.stream().map(CategoryValue::category).distinct().count();
    return render(id, title, chart, WIDTH, (int) Math.max(HEIGHT, 90 + 26 * categories));
  }

  /** Lines over an ordered category axis (weeks), one per series; missing values leave gaps. */
  public static Chart lineChart(
      String id, String title, String categoryLabel, String valueLabel, List<CategoryValue> values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach(v -> data.addValue(Double.isNaN(v.value()) ? null : v.value(), v.series(), v.category()));
    JFreeChart chart = ChartFactory.createLineChart(title, categoryLabel, valueLabel, data);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setNoDataMessage("no data in range");
    CategoryAxis axis = plot.getDomainAxis();
    axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    org.jfree.chart.renderer.category.LineAndShapeRenderer renderer =
        new org.jfree.chart.renderer.category.LineAndShapeRenderer(true, true);
    plot.setRenderer(renderer);
    style(chart);
    return render(id, title, chart);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(TITLE);
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      for (int i = 0; i < PALETTE.length; i++) {
        plot.getRenderer().setSeriesPaint(i, PALETTE[i]);
      }
      if (plot.getRangeAxis() instanceof NumberAxis range) {
        range.setAutoRangeIncludesZero(true);
      }
    } else if (chart.getPlot() instanceof CategoryPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      for (int i = 0; i < PALETTE.length; i++) {
        plot.getRenderer().setSeriesPaint(i, PALETTE[i]);
      }
      if (plot.getRenderer() instanceof BarRenderer bars) {
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
      }
    }
  }

  private static Chart render(String id, String title, JFreeChart chart) {
    return render(id, title, chart, WIDTH, HEIGHT);
  }

  private static Chart render(String id, String title, JFreeChart chart, int width, int height) {
    SVGGraphics2D graphics = new SVGGraphics2D(width, height);
    graphics.setDefsKeyPrefix(id + "-");
    chart.draw(graphics, new Rectangle(0, 0, width, height));
    return new Chart(id, title, graphics.getSVGElement(id));
  }
}
