package io.edpipe.report;

import static io.edpipe.report.HtmlText.escape;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.core.table.ResultTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Renders a {@link Report} as one self-contained HTML file: styles, Chart.js and the chart data are inlined, so the
 * page opens offline and from anywhere it is copied to.
 *
 * <p>Once its charts are drawn, the page marks each chart's {@code <figure class="chart" id="chart-ID">} with
 * {@code data-rendered="true"} and {@code data-box="left,top,width,height"} (CSS pixels from the document's top
 * left) and sets {@code data-charts} on {@code <body>} to the number drawn, so that tools and tests can check the
 * page as a person sees it.
 */
public final class HtmlReport {
  public static final String CHART_JS_VERSION = versions().getProperty("chartjs.version");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHART_JS =
      "/META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.min.js";
  private static final int CHART_HEIGHT = 300;
  private static final int BAR_HEIGHT = 22;

  private HtmlReport() {}

  /** The page. */
  public static String render(Report report) {
    requireNonNull(report, "report is null");
    List<Chart> charts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    StringBuilder body = new StringBuilder();
    for (Report.Section section : report.sections()) {
      section(section, body, charts);
    }
    for (Chart chart : charts) {
      if (!ids.add(chart.id())) {
        throw new IllegalArgumentException("Cannot render the report: two charts have the id " + chart.id());
      }
    }
    StringBuilder page = new StringBuilder(256 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"edpipe\">\n")
        .append("<title>").append(escape(report.title())).append("</title>\n")
        .append("<style>\n").append(resource("/io/edpipe/report/report.css")).append("</style>\n")
        .append("</head>\n<body data-charts=\"0\">\n<header>\n<h1>").append(escape(report.title())).append("</h1>\n")
        .append("<p class=\"subtitle\">");
    if (report.subtitle() != null) {
      page.append(escape(report.subtitle())).append(" &middot; ");
    }
    page.append("generated ").append(escape(DateTimeFormatter.ISO_INSTANT.format(report.generatedAt())))
        .append("</p>\n");
    toc(report, page);
    page.append("</header>\n");
    if (!report.headline().isEmpty()) {
      page.append("<section class=\"metrics\">\n");
      for (Report.Metric metric : report.headline()) {
        page.append("<div class=\"metric\"><div class=\"metric-value\">").append(escape(metric.value()))
            .append("</div><div class=\"metric-label\">").append(escape(metric.label())).append("</div>");
        if (metric.note() != null) {
          page.append("<div class=\"metric-note\">").append(escape(metric.note())).append("</div>");
        }
        page.append("</div>\n");
      }
      page.append("</section>\n");
    }
    page.append("<main>\n").append(body).append("</main>\n")
        .append("<footer>Made by edpipe. Charts drawn with Chart.js ").append(escape(CHART_JS_VERSION))
        .append(" (MIT licence), inlined: this file needs no network.</footer>\n")
        .append("<script>\n").append(chartJs()).append("\n</script>\n")
        .append("<script type=\"application/json\" id=\"edpipe-charts\">")
        .append(HtmlText.scriptSafeJson(json(ChartConfigs.configs(charts))))
        .append("</script>\n")
        .append("<script>\n").append(resource("/io/edpipe/report/report.js")).append("</script>\n")
        .append("</body>\n</html>\n");
    return page.toString();
  }

  /** Writes the page to {@code file} atomically: a reader never sees half a report. */
  public static void write(Report report, Path file) {
    String page = render(report);
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
      Files.writeString(temporary, page, StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report to " + absolute, e);
    }
  }

  private static void toc(Report report, StringBuilder page) {
    page.append("<nav>");
    for (Report.Section section : report.sections()) {
      page.append("<a href=\"#").append(escape(section.id())).append("\">").append(escape(section.title()))
          .append("</a>");
    }
    page.append("</nav>\n");
  }

  private static void section(Report.Section section, StringBuilder out, List<Chart> charts) {
    out.append("<section id=\"").append(escape(section.id())).append("\">\n<h2>").append(escape(section.title()))
        .append("</h2>\n");
    if (section.intro() != null) {
      out.append("<p class=\"intro\">").append(escape(section.intro())).append("</p>\n");
    }
    blocks(section.blocks(), out, charts);
    out.append("</section>\n");
  }

  /** Consecutive charts share a grid, two to a row on a wide screen. */
  private static void blocks(List<Block> blocks, StringBuilder out, List<Chart> charts) {
    boolean inGrid = false;
    for (Block block : blocks) {
      boolean isChart = block instanceof Chart;
      if (isChart && !inGrid) {
        out.append("<div class=\"chart-grid\">\n");
      } else if (!isChart && inGrid) {
        out.append("</div>\n");
      }
      inGrid = isChart;
      // Java 17: no pattern matching in switch yet
      if (block instanceof Chart chart) {
        chart(chart, out);
        charts.add(chart);
      } else if (block instanceof Block.Table table) {
        table(table, out);
      } else if (block instanceof Block.Paragraph paragraph) {
        out.append("<p>").append(escape(paragraph.text())).append("</p>\n");
      } else if (block instanceof Block.Findings findings) {
        findings(findings, out);
      } else if (block instanceof Block.Collapsible collapsible) {
        out.append(collapsible.open() ? "<details open>" : "<details>").append("<summary>")
            .append(escape(collapsible.summary())).append("</summary>\n<div class=\"details-body\">\n");
        blocks(collapsible.blocks(), out, charts);
        out.append("</div></details>\n");
      } else {
        throw new IllegalArgumentException("Cannot render a " + block.getClass().getSimpleName());
      }
    }
    if (inGrid) {
      out.append("</div>\n");
    }
  }

  private static void chart(Chart chart, StringBuilder out) {
    int height =
        chart.kind() == Chart.Kind.HORIZONTAL_BAR
            ? Math.max(CHART_HEIGHT, 60 + BAR_HEIGHT * chart.labels().size() * Math.max(1, chart.series().size()))
            : CHART_HEIGHT;
    out.append("<figure class=\"chart\" id=\"chart-").append(chart.id()).append("\">\n<figcaption>")
        .append(escape(chart.title()));
    if (chart.note() != null) {
      out.append(" <small>").append(escape(chart.note())).append("</small>");
    }
    out.append("</figcaption>\n<div class=\"canvas-box\" style=\"height:").append(height)
        .append("px\"><canvas role=\"img\" aria-label=\"").append(escape(chart.title())).append("\"></canvas></div>\n")
        .append("</figure>\n");
  }

  private static void table(Block.Table block, StringBuilder out) {
    ResultTable table = block.table();
    if (table.isScalar()) {
      out.append("<p class=\"scalar\"><span class=\"scalar-title\">").append(escape(table.title()))
          .append("</span> <span class=\"scalar-value\">").append(escape(HtmlText.value(table.rows().get(0).get(0))))
          .append("</span>");
      if (table.note() != null) {
        out.append(" <small>").append(escape(table.note())).append("</small>");
      }
      out.append("</p>\n");
      return;
    }
    out.append("<div class=\"table\"><h3>").append(escape(table.title()));
    if (table.note() != null) {
      out.append(" <small>").append(escape(table.note())).append("</small>");
    }
    out.append("</h3>\n<div class=\"table-scroll\"><table>\n<thead><tr>");
    for (String column : table.columns()) {
      out.append("<th>").append(escape(column)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    List<List<Object>> rows = table.rows();
    for (List<Object> row : rows.subList(0, Math.min(rows.size(), block.maxRows()))) {
      out.append("<tr>");
      for (Object value : row) {
        out.append(value instanceof Number ? "<td class=\"number\">" : value == null ? "<td class=\"null\">" : "<td>")
            .append(escape(HtmlText.value(value))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
    if (rows.isEmpty()) {
      out.append("<p class=\"more\">(no rows)</p>\n");
    } else if (rows.size() > block.maxRows()) {
      out.append("<p class=\"more\">").append(block.maxRows()).append(" of ").append(rows.size())
          .append(" rows shown</p>\n");
    }
    out.append("</div>\n");
  }

  private static void findings(Block.Findings block, StringBuilder out) {
    out.append("<ul class=\"findings\">\n");
    for (Block.Finding finding : block.findings()) {
      out.append("<li class=\"").append(finding.severity() == Block.Severity.WARNING ? "warning" : "note")
          .append("\"><strong>").append(escape(finding.title())).append("</strong>");
      if (finding.detail() != null) {
        out.append(" ").append(escape(finding.detail()));
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the charts", e);
    }
  }

  private static String chartJs() {
    // a closing script tag inside the library would end the element early
    return resource(CHART_JS).replace("</script", "<\\/script");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  private static Properties versions() {
    Properties properties = new Properties();
    try (InputStream in = HtmlReport.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("Cannot find io/edpipe/report/versions.properties on the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read io/edpipe/report/versions.properties", e);
    }
    return properties;
  }
}
