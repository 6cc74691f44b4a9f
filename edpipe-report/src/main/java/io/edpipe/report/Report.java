package io.edpipe.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a report says, independent of how it is drawn: headline figures, then sections of charts, tables, text and
 * findings.
 *
 * @param subtitle where the data comes from (the lake, the topic), or null
 */
public record Report(String title, String subtitle, Instant generatedAt, List<Metric> headline, List<Section> sections) {
  public Report {
    requireNonNull(title, "title is null");
    requireNonNull(generatedAt, "generatedAt is null");
    headline = List.copyOf(headline);
    sections = List.copyOf(sections);
  }

  /** A headline figure. */
  public record Metric(String label, String value, String note) {
    public Metric {
      requireNonNull(label, "label is null");
      requireNonNull(value, "value is null");
    }
  }

  /** A titled part of the report, with an anchor {@code id} for the table of contents. */
  public record Section(String id, String title, String intro, List<Block> blocks) {
    public Section {
      requireNonNull(id, "id is null");
      requireNonNull(title, "title is null");
      blocks = List.copyOf(blocks);
    }
  }
}
