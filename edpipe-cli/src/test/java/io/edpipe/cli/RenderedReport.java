package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/**
 * An HTML report as a person sees it: rendered by headless Chromium, its charts located in the DOM and looked at in
 * a screenshot of the whole page.
 */
record RenderedReport(List<ChartBox> charts, int chartsDrawn, Path screenshot, PngInspector pixels) {
  static final int WIDTH = 1280;

  /**
   * A chart must ink at least this share of its box. Measured on the twin's report: 6.4 % (the scatter chart of
   * about 130 points) to 38 % (the filled line); bare axes, labels and grid lines ink about 2-4 %, so the colour
   * check below is what tells an empty chart.
   */
  static final double MIN_INKED_SHARE = 0.045;

  /**
   * A drawn series adds its hue to the greys of axes and labels (greys count as one colour): at least 2 colours,
   * each of at least this many pixels: a few points of a scatter chart (a point of radius 4 is about 50 pixels),
   * where anti-aliased edges give a colour a handful of pixels.
   */
  static final int MIN_COLOUR_PIXELS = 150;

  RenderedReport {
    charts = List.copyOf(charts);
  }

  static RenderedReport of(Path html, Path screenshot) {
    HeadlessChromium chromium = HeadlessChromium.find();
    String dom = chromium.dumpDom(html, WIDTH, HeadlessChromium.DEFAULT_HEIGHT);
    List<ChartBox> charts = ChartBox.parse(dom);
    int height = charts.stream().mapToInt(ChartBox::bottom).max().orElse(HeadlessChromium.DEFAULT_HEIGHT) + 40;
    chromium.screenshot(html, screenshot, WIDTH, height);
    return new RenderedReport(charts, ChartBox.renderedCount(dom), screenshot, PngInspector.load(screenshot));
  }

  /** Every chart is drawn, visible in the screenshot, and holds more than axes: a series in colour. */
  void assertEveryChartDrawn(List<String> ids) {
    assertThat(chartsDrawn).as("charts drawn, per <body data-charts>").isEqualTo(ids.size());
    assertThat(charts).extracting(ChartBox::id).containsExactlyInAnyOrderElementsOf(ids);
    for (ChartBox chart : charts) {
      assertThat(chart.width() * chart.height()).as("area of chart %s", chart.id()).isGreaterThan(200 * 150);
      assertThat(pixels.inkedShare(chart)).as("inked share of chart %s in %s", chart.id(), screenshot)
          .isGreaterThan(MIN_INKED_SHARE);
      double minShare = MIN_COLOUR_PIXELS / ((double) chart.width() * chart.height());
      assertThat(pixels.distinctColours(chart, minShare)).as("colours of chart %s in %s", chart.id(), screenshot)
          .isGreaterThanOrEqualTo(2);
    }
  }
}
