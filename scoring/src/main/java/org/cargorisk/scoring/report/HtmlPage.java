package org.cargorisk.scoring.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.cargorisk.scoring.export.ExportCells;

/**
 * A self-contained HTML page: inline CSS, inline SVG charts, no external reference. A tiny
 * inline script at the end checks that every chart's {@code <svg>} exists and has a non-empty
 * bounding box, and sets the title to {@code report-ok:N} (N charts) or {@code
 * report-missing:ids}; a script error sets {@code report-error:message}. A browser test (and a
 * reader) can tell at a glance whether the page rendered.
 */
public final class HtmlPage {
  /** Title prefix of a page whose charts all rendered. */
  public static final String OK = "report-ok:";

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em auto;max-width:980px;color:#222}"
          + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
          + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
          + "th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}"
          + "figure{margin:1em 0}figcaption{font-size:.9em;color:#555;max-width:720px}"
          + "p.note{color:#555;font-size:.9em}";

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<String> chartIds = new ArrayList<>();

  public HtmlPage(String title) {
    this.title = title;
  }

  public HtmlPage heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  public HtmlPage paragraph(String text) {
    body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A chart and its caption (what it means for the reader). */
  public HtmlPage chart(ReportCharts.Chart chart, String caption) {
    if (chartIds.contains(chart.id())) {
      throw new IllegalArgumentException("chart ids must be unique in a page, cannot be: " + chart.id());
    }
    chartIds.add(chart.id());
    body.append("<figure data-chart=\"")
        .append(escape(chart.id()))
        .append("\">")
        .append(chart.svg())
        .append("<figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** A table; the first column is left-aligned (labels), the others right-aligned (numbers). */
  public HtmlPage table(List<String> header, List<List<String>> rows) {
    body.append("<table><thead><tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr></thead><tbody>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</tbody></table>\n");
    return this;
  }

  /** Ids of the charts, in page order. */
  public List<String> chartIds() {
    return List.copyOf(chartIds);
  }

  public String render() {
    String ids = chartIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style>"
        + "<script>window.onerror=function(m){document.title='report-error:'+m;"
        + "document.documentElement.setAttribute('data-report-error',String(m));};</script>"
        + "</head>\n<body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "<p class=\"note\" id=\"report-check\"></p>\n"
        + "<script>(function(){var ids=["
        + ids
        + "];var missing=[];ids.forEach(function(id){var e=document.getElementById(id);"
        + "if(!e||e.tagName.toLowerCase()!=='svg'){missing.push(id);return;}"
        + "var r=e.getBoundingClientRect();if(!(r.width>0&&r.height>0)){missing.push(id);}});"
        + "if(document.documentElement.hasAttribute('data-report-error')){return;}"
        + "var s=missing.length?'report-missing:'+missing.join(','):'"
        + OK
        + "'+ids.length;document.title=s;document.getElementById('report-check').textContent=s;})();</script>\n"
        + "</body></html>\n";
  }

  static String escape(String text) {
    return text == null ? "" : ExportCells.escapeHtml(text);
  }
}
