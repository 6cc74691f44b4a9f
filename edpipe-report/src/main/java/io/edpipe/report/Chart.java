package io.edpipe.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chart: categories ({@code labels}) with one value per series each, or, for a scatter chart, series of points.
 *
 * @param id unique in the report; names the figure ({@code chart-ID})
 * @param note what is counted, or null
 */
public record Chart(
    String id, String title, String note, Kind kind, List<String> labels, List<Series> series, String xTitle, String yTitle)
    implements Block {
  public Chart {
    requireNonNull(id, "id is null");
    if (!id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Chart id must be lower-case letters, digits and dashes: " + id);
    }
    requireNonNull(title, "title is null");
    requireNonNull(kind, "kind is null");
    labels = List.copyOf(labels);
    series = List.copyOf(series);
    for (Series one : series) {
      if (kind == Kind.SCATTER ? one.points().isEmpty() && !one.values().isEmpty() : one.values().size() != labels.size()) {
        throw new IllegalArgumentException(
            "Cannot draw chart " + id + ": series " + one.name() + " does not fit a " + kind + " chart of "
                + labels.size() + " labels");
      }
    }
  }

  /** How the chart is drawn. */
  public enum Kind {
    /** Vertical bars, one group per label. */
    BAR,
    /** Horizontal bars: for long labels such as exam names. */
    HORIZONTAL_BAR,
    /** A line over the labels in order (time). */
    LINE,
    /** Points (x, y). */
    SCATTER
  }

  /** One series: a value per label (null for none), or points. */
  public record Series(String name, List<Double> values, List<Point> points) {
    public Series {
      requireNonNull(name, "name is null");
      values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values)); // values may be null
      points = List.copyOf(points == null ? List.of() : points);
    }

    public static Series values(String name, List<Double> values) {
      return new Series(name, values, List.of());
    }

    public static Series points(String name, List<Point> points) {
      return new Series(name, List.of(), points);
    }
  }

  /** A point of a scatter chart; {@code label} shows when hovered. */
  public record Point(double x, double y, String label) {}
}
