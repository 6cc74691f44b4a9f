package io.edpipe.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rendered chart sits on the page, in CSS pixels from the document's top-left corner, as the report writes
 * it: {@code <figure class="chart" id="chart-ID" data-rendered="true" data-box="LEFT,TOP,WIDTH,HEIGHT">}.
 *
 * @param id the figure's id without the {@code chart-} prefix
 */
record ChartBox(String id, int left, int top, int width, int height) {
  private static final Pattern FIGURE = Pattern.compile("<figure\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY = Pattern.compile("<body\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  // Chromium serialises every attribute value in double quotes, whatever the source used
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern BOX = Pattern.compile("\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*");
  private static final String PREFIX = "chart-";

  int right() {
    return left + width;
  }

  int bottom() {
    return top + height;
  }

  /**
   * The boxes of the rendered charts in a dumped DOM, in document order: the {@code <figure>}s whose id starts with
   * {@code chart-} and that have a {@code data-box}. A chart that has not rendered has no box and is left out.
   *
   * @throws IllegalArgumentException if a chart's {@code data-box} is not four integers
   */
  static List<ChartBox> parse(String dom) {
    List<ChartBox> boxes = new ArrayList<>();
    Matcher figure = FIGURE.matcher(dom);
    while (figure.find()) {
      Map<String, String> attributes = attributes(figure.group(1));
      String id = attributes.getOrDefault("id", "");
      String box = attributes.get("data-box");
      if (!id.startsWith(PREFIX) || box == null) {
        continue;
      }
      Matcher numbers = BOX.matcher(box);
      if (!numbers.matches()) {
        throw new IllegalArgumentException("data-box is not LEFT,TOP,WIDTH,HEIGHT in " + figure.group());
      }
      boxes.add(
          new ChartBox(
              id.substring(PREFIX.length()),
              Integer.parseInt(numbers.group(1)),
              Integer.parseInt(numbers.group(2)),
              Integer.parseInt(numbers.group(3)),
              Integer.parseInt(numbers.group(4))));
    }
    return boxes;
  }

  /**
   * The number of charts the page says it rendered: {@code <body data-charts="N">}.
   *
   * @throws IllegalArgumentException if the body has no {@code data-charts}, as when the page's script did not run
   */
  static int renderedCount(String dom) {
    Matcher body = BODY.matcher(dom);
    if (!body.find()) {
      throw new IllegalArgumentException("No <body> in the DOM");
    }
    String count = attributes(body.group(1)).get("data-charts");
    if (count == null || !count.strip().matches("\\d+")) {
      throw new IllegalArgumentException(
          "No data-charts=\"N\" on " + body.group() + " (did the page's script run?)");
    }
    return Integer.parseInt(count.strip());
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new HashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(tag);
    while (attribute.find()) {
      attributes.put(attribute.group(1).toLowerCase(), attribute.group(2));
    }
    return attributes;
  }
}
