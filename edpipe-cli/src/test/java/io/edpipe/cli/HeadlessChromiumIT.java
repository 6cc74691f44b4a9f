package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness that checks the HTML report's charts, proved on pages written here: canvases drawn with plain
 * JavaScript after a timer (as Chart.js draws after load), an empty canvas, and a missing browser.
 *
 * <p>The screenshots stay in {@code target/headless-chromium-it/} to look at.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HeadlessChromiumIT {
  /** The window for both the DOM dump and the screenshot: the same width gives the same layout. */
  private static final int WIDTH = 800;
  private static final int HEIGHT = 1000;

  /**
   * The share of a chart's box a rendered chart inks at least. An empty canvas inks nothing and a bare pair of axes
   * with tick labels about 2%, while Chart.js's default grid lines alone ink about 4% of a 600 x 300 chart, and
   * bars, areas or several 2-3 px lines add more; 5% is above the first two and below any chart with data. Text
   * inks as much as a chart, hence also {@link PngInspector#distinctColours}.
   */
  private static final double MIN_CHART_SHARE = 0.05;

  /** A colour counts when it covers 1% of the box: a bar 80 x 60 in a 600 x 300 chart covers 2.7%. */
  private static final double MIN_COLOUR_SHARE = 0.01;

  private static final Path SCREENSHOTS = Path.of("target", "headless-chromium-it");

  private static HeadlessChromium chromium;

  @TempDir Path work;

  @BeforeAll
  static void findTheBrowser() {
    chromium = HeadlessChromium.find();
  }

  @Test
  void findsTheRenderedChartsAndTheirInkInTheScreenshot() throws Exception {
    Path html = write("bars.html", page(figure("throughput") + figure("latency"), true));

    String dom = chromium.dumpDom(html, WIDTH, HEIGHT);
    List<ChartBox> boxes = ChartBox.parse(dom);
    assertThat(ChartBox.renderedCount(dom)).isEqualTo(2);
    assertThat(boxes).extracting(ChartBox::id).containsExactly("throughput", "latency");
    // body margin 20, an h1, each figure is its 600 x 300 canvas and 40 px of margin below
    assertThat(boxes).allSatisfy(box -> {
      assertThat(box.left()).isEqualTo(20);
      assertThat(box.width()).isEqualTo(600);
      assertThat(box.height()).isEqualTo(300);
    });
    assertThat(boxes.get(1).top()).isEqualTo(boxes.get(0).bottom() + 40);
    assertThat(boxes.get(1).bottom()).as("the whole page fits the window").isLessThanOrEqualTo(HEIGHT);

    PngInspector png = screenshot(html, "bars.png");
    assertThat(png.width()).isEqualTo(WIDTH);
    assertThat(png.height()).as("the screenshot is the window, not the page").isEqualTo(HEIGHT);
    for (ChartBox box : boxes) {
      // five bars 80 px wide and 60..300 px tall: 72,000 of the box's 180,000 pixels, if the box is where the
      // pixels are (a box 10 px off would lose or gain a bar edge or a bar top)
      assertThat(png.inkedShare(box)).as(box.id()).isCloseTo(0.40, within(0.005)).isGreaterThan(MIN_CHART_SHARE);
      assertThat(png.distinctColours(box, MIN_COLOUR_SHARE)).as(box.id()).isEqualTo(5);
    }
  }

  @Test
  void anEmptyCanvasHasNoInkAndTextHasNoSeriesColours() throws Exception {
    String text =
        "<figure class=\"chart\" id=\"chart-text\"><p>"
            + "No data for this chart. ".repeat(40)
            + "</p></figure>";
    Path html = write("empty.html", page(figure("empty") + text, false));

    String dom = chromium.dumpDom(html, WIDTH, HEIGHT);
    List<ChartBox> boxes = ChartBox.parse(dom);
    assertThat(ChartBox.renderedCount(dom)).as("the page claims both rendered").isEqualTo(2);
    assertThat(boxes).extracting(ChartBox::id).containsExactly("empty", "text");

    PngInspector png = screenshot(html, "empty.png");
    ChartBox empty = boxes.get(0);
    ChartBox textOnly = boxes.get(1);
    assertThat(png.inkedPixels(empty)).isZero();
    assertThat(png.inkedShare(empty)).isLessThan(MIN_CHART_SHARE);
    // a paragraph inks about 27% of its box: the share tells drawn from blank, the colours tell a chart from text
    assertThat(png.inkedShare(textOnly)).as("text is ink").isGreaterThan(MIN_CHART_SHARE);
    assertThat(png.distinctColours(textOnly, MIN_COLOUR_SHARE)).as("but only black and greys").isLessThanOrEqualTo(1);
    // a box below the screenshot has nothing to count
    assertThat(png.inkedShare(new ChartBox("below", 0, HEIGHT + 10, 100, 100))).isZero();
  }

  @Test
  void aMissingBrowserSaysHowToInstallOne() {
    Path missing = work.resolve("no-such-chromium");
    assertThatThrownBy(() -> new HeadlessChromium(HeadlessChromium.locate(missing.toString(), null, "/usr/bin")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("install Debian's chromium package");
    assertThatThrownBy(() -> HeadlessChromium.locate(null, null, work.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("none of [chromium, chromium-browser, google-chrome] is on the PATH")
        .hasMessageContaining("install Debian's chromium package");
    assertThat(HeadlessChromium.locate(null, "/opt/chrome/chrome", "/usr/bin")).isEqualTo(Path.of("/opt/chrome/chrome"));
  }

  @Test
  void readsTheBoxesWhateverTheAttributeOrder() {
    String dom =
        "<html><head></head><body class=\"report\" data-charts=\"3\">"
            + "<figure data-box=\"1,2,3,4\" id=\"chart-a\" class=\"chart\" data-rendered=\"true\"><canvas></canvas></figure>"
            + "<figure class=\"chart\" data-rendered=\"true\" id=\"chart-b\" data-box=\"-5,20,300,150\"></figure>"
            + "<figure class=\"chart\" id=\"chart-c\"></figure>"
            + "<figure id=\"photo\" data-box=\"0,0,1,1\"></figure></body></html>";
    assertThat(ChartBox.parse(dom))
        .containsExactly(new ChartBox("a", 1, 2, 3, 4), new ChartBox("b", -5, 20, 300, 150));
    assertThat(ChartBox.renderedCount(dom)).isEqualTo(3);
    assertThatThrownBy(() -> ChartBox.renderedCount("<html><body></body></html>"))
        .hasMessageContaining("did the page's script run?");
    assertThatThrownBy(() -> ChartBox.parse("<figure id=\"chart-x\" data-box=\"1,2,3\">"))
        .hasMessageContaining("LEFT,TOP,WIDTH,HEIGHT");
  }

  private PngInspector screenshot(Path html, String name) throws Exception {
    Path png = SCREENSHOTS.resolve(name);
    chromium.screenshot(html, png, WIDTH, HEIGHT);
    return PngInspector.load(png);
  }

  private Path write(String name, String html) throws Exception {
    return Files.writeString(work.resolve(name), html);
  }

  private static String figure(String id) {
    return "<figure class=\"chart\" id=\"chart-" + id + "\"><canvas width=\"600\" height=\"300\"></canvas></figure>";
  }

  /**
   * A page following the report's contract: after a timer (so the browser must wait for it), the script draws
   * five bars in each canvas (unless {@code draw} is false), then writes each figure's box and the count.
   */
  private static String page(String figures, boolean draw) {
    return """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>fixture</title>
        <style>
          body { margin: 20px; background: #fff; font: 16px sans-serif; }
          figure { margin: 0 0 40px 0; width: 600px; }
          canvas { display: block; width: 600px; height: 300px; }
        </style></head>
        <body>
        <h1>Charts</h1>
        %s
        <script>
          const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
          setTimeout(() => {
            const figures = document.querySelectorAll('figure.chart');
            for (const figure of figures) {
              const canvas = figure.querySelector('canvas');
              if (canvas && %s) {
                const g = canvas.getContext('2d');
                colours.forEach((colour, i) => {
                  g.fillStyle = colour;
                  g.fillRect(20 + i * 115, canvas.height - 60 * (i + 1), 80, 60 * (i + 1));
                });
              }
              const r = figure.getBoundingClientRect();
              figure.dataset.box =
                  [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height].map(Math.round).join(',');
              figure.dataset.rendered = 'true';
            }
            document.body.dataset.charts = figures.length;
          }, 300);
        </script>
        </body></html>
        """
        .formatted(figures, draw);
  }
}
