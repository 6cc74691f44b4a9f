package io.edpipe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.core.table.ResultTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestHtmlReport {
  private static final Instant GENERATED = Instant.parse("2026-12-01T12:00:00Z");
  private static final String HOSTILE = "</script><script>alert('x')</script> & \"quotes\"";

  @Test
  void isSelfContained() {
    String page = HtmlReport.render(report());

    assertThat(page).startsWith("<!DOCTYPE html>");
    // Chart.js is inlined, not fetched
    assertThat(page).contains("Chart.js v" + HtmlReport.CHART_JS_VERSION);
    assertThat(HtmlReport.CHART_JS_VERSION).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
    assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(page).doesNotContain("@import");
  }

  @Test
  void escapesTextAndKeepsChartDataInsideItsScript() throws Exception {
    String page = HtmlReport.render(report());

    assertThat(page).doesNotContain("<script>alert");
    assertThat(page).contains("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    Matcher data = Pattern.compile("<script type=\"application/json\" id=\"edpipe-charts\">(.*?)</script>", Pattern.DOTALL)
        .matcher(page);
    assertThat(data.find()).isTrue();
    JsonNode charts = new ObjectMapper().readTree(data.group(1));
    assertThat(charts).hasSize(2);
    assertThat(charts.get(0).get("id").asText()).isEqualTo("attempts-per-exam");
    JsonNode config = charts.get(0).get("config");
    assertThat(config.get("type").asText()).isEqualTo("bar");
    assertThat(config.at("/options/indexAxis").asText()).isEqualTo("y");
    assertThat(config.at("/data/labels/0").asText()).isEqualTo(HOSTILE);
    assertThat(config.at("/data/datasets/0/data/0").asDouble()).isEqualTo(394);
    assertThat(charts.get(1).at("/config/data/datasets/0/data/0/label").asText()).isEqualTo("q1");
    // each chart has its figure and canvas
    assertThat(page).contains("<figure class=\"chart\" id=\"chart-attempts-per-exam\">", "<figure class=\"chart\" id=\"chart-items\">");
  }

  @Test
  void showsTablesUpToTheirLimit() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(List.of("exam " + i, (long) i, i / 7.0));
    }
    ResultTable table = new ResultTable("t", "Exams", "a note", List.of("exam_name", "attempts", "ratio"), rows);
    Report report =
        new Report("R", null, GENERATED, List.of(), List.of(new Report.Section("s", "S", null, List.of(new Block.Table(table, 25)))));

    String page = HtmlReport.render(report);

    assertThat(page).contains("<td>exam 24</td>").doesNotContain("<td>exam 25</td>");
    assertThat(page).contains("25 of 30 rows shown");
    assertThat(page).contains("<td class=\"number\">0.143</td>"); // 1/7 to three decimals
  }

  @Test
  void rejectsTwoChartsWithOneId() {
    Chart chart = new Chart("same", "A", null, Chart.Kind.BAR, List.of("a"), List.of(Chart.Series.values("n", List.of(1.0))), null, null);
    Report report =
        new Report("R", null, GENERATED, List.of(), List.of(new Report.Section("s", "S", null, List.of(chart, chart))));

    assertThatThrownBy(() -> HtmlReport.render(report))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot render the report: two charts have the id same");
  }

  @Test
  void writesTheFileAtomically(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("out/report.html");

    HtmlReport.write(report(), file);

    assertThat(Files.readString(file)).isEqualTo(HtmlReport.render(report()));
    assertThat(Files.readString(file)).endsWith("</html>\n");
    assertThat(directory.resolve("out/report.html.tmp")).doesNotExist();
  }

  private static Report report() {
    Chart exams =
        new Chart(
            "attempts-per-exam",
            "Attempts per exam",
            "top 2",
            Chart.Kind.HORIZONTAL_BAR,
            List.of(HOSTILE, "Introduction to Python"),
            List.of(Chart.Series.values("attempts", List.of(394.0, 162.0))),
            "attempts",
            null);
    Chart items =
        new Chart(
            "items",
            "Facility and discrimination",
            null,
            Chart.Kind.SCATTER,
            List.of(),
            List.of(Chart.Series.points("questions", List.of(new Chart.Point(0.5, 40, "q1")))),
            "facility",
            "discrimination index");
    return new Report(
        HOSTILE,
        "hdfs://lake",
        GENERATED,
        List.of(new Report.Metric("Attempts", "3,242", null)),
        List.of(
            new Report.Section("charts", "Charts", "Some charts.", List.of(exams, items)),
            new Report.Section(
                "findings",
                "Findings",
                null,
                List.of(new Block.Findings(List.of(new Block.Finding(Block.Severity.WARNING, HOSTILE, "detail")))))));
  }
}
