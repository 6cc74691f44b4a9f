package io.edpipe.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Chart.js configurations for the report's charts. */
final class ChartConfigs {
  /** Colour-blind-safe-ish, distinct in print: blue, orange, green, red, purple, teal, ochre. */
  static final List<String> PALETTE =
      List.of("#2563eb", "#f97316", "#16a34a", "#dc2626", "#9333ea", "#0891b2", "#ca8a04");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChartConfigs() {}

  /** {@code [{id, config}, ...]}: what the page's script hands to {@code new Chart(canvas, config)}. */
  static ArrayNode configs(List<Chart> charts) {
    ArrayNode specs = JSON.createArrayNode();
    for (Chart chart : charts) {
      ObjectNode spec = specs.addObject();
      spec.put("id", chart.id());
      spec.set("config", config(chart));
    }
    return specs;
  }

  static ObjectNode config(Chart chart) {
    ObjectNode config = JSON.createObjectNode();
    config.put(
        "type",
        switch (chart.kind()) {
          case BAR, HORIZONTAL_BAR -> "bar";
          case LINE -> "line";
          case SCATTER -> "scatter";
        });
    ObjectNode data = config.putObject("data");
    if (chart.kind() != Chart.Kind.SCATTER) {
      ArrayNode labels = data.putArray("labels");
      chart.labels().forEach(labels::add);
    }
    ArrayNode datasets = data.putArray("datasets");
    for (int i = 0; i < chart.series().size(); i++) {
      datasets.add(dataset(chart, chart.series().get(i), PALETTE.get(i % PALETTE.size())));
    }
    ObjectNode options = config.putObject("options");
    options.put("responsive", true);
    options.put("maintainAspectRatio", false);
    options.put("animation", false);
    if (chart.kind() == Chart.Kind.HORIZONTAL_BAR) {
      options.put("indexAxis", "y");
    }
    ObjectNode legend = options.putObject("plugins").putObject("legend");
    legend.put("display", chart.series().size() > 1);
    legend.put("position", "bottom");
    ObjectNode scales = options.putObject("scales");
    boolean horizontal = chart.kind() == Chart.Kind.HORIZONTAL_BAR;
    ObjectNode x = axis(scales.putObject("x"), chart.xTitle());
    ObjectNode y = axis(scales.putObject("y"), chart.yTitle());
    (horizontal ? x : y).put("beginAtZero", chart.kind() != Chart.Kind.SCATTER);
    if (horizontal) {
      y.putObject("ticks").put("autoSkip", false);
    }
    return config;
  }

  private static ObjectNode dataset(Chart chart, Chart.Series series, String colour) {
    ObjectNode dataset = JSON.createObjectNode();
    dataset.put("label", series.name());
    ArrayNode values = dataset.putArray("data");
    if (chart.kind() == Chart.Kind.SCATTER) {
      for (Chart.Point point : series.points()) {
        ObjectNode node = values.addObject();
        node.put("x", point.x());
        node.put("y", point.y());
        if (point.label() != null) {
          node.put("label", point.label());
        }
      }
    } else {
      series.values().forEach(value -> {
        if (value == null) {
          values.addNull();
        } else {
          values.add(value);
        }
      });
    }
    dataset.put("borderColor", colour);
    switch (chart.kind()) {
      case BAR, HORIZONTAL_BAR -> dataset.put("backgroundColor", colour + "cc");
      case LINE -> {
        dataset.put("backgroundColor", colour + "33");
        dataset.put("fill", true);
        dataset.put("pointRadius", 2);
        dataset.put("tension", 0.2);
      }
      case SCATTER -> {
        dataset.put("backgroundColor", colour + "99");
        dataset.put("pointRadius", 4);
      }
    }
    return dataset;
  }

  private static ObjectNode axis(ObjectNode axis, String title) {
    if (title != null) {
      ObjectNode node = axis.putObject("title");
      node.put("display", true);
      node.put("text", title);
    }
    return axis;
  }
}
