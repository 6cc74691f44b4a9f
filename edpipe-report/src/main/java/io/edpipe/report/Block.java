package io.edpipe.report;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.table.ResultTable;
import java.util.List;

/** A piece of a report section. */
public sealed interface Block permits Chart, Block.Table, Block.Paragraph, Block.Findings, Block.Collapsible {
  /** A result table, cut at {@code maxRows} rows (the rest counted, not shown). */
  record Table(ResultTable table, int maxRows) implements Block {
    public Table {
      requireNonNull(table, "table is null");
      if (maxRows < 1) {
        throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
      }
    }
  }

  /** Plain text. */
  record Paragraph(String text) implements Block {
    public Paragraph {
      requireNonNull(text, "text is null");
    }
  }

  /** What is odd or worth a look in the data, each with its figures. */
  record Findings(List<Finding> findings) implements Block {
    public Findings {
      findings = List.copyOf(findings);
    }
  }

  /** One finding. */
  record Finding(Severity severity, String title, String detail) {
    public Finding {
      requireNonNull(severity, "severity is null");
      requireNonNull(title, "title is null");
    }
  }

  /** How much a finding matters. */
  enum Severity {
    /** How the data is, and what edpipe does with it. */
    NOTE,
    /** Something a person should look at. */
    WARNING
  }

  /** Blocks behind a summary line, shown when opened. */
  record Collapsible(String summary, boolean open, List<Block> blocks) implements Block {
    public Collapsible {
      requireNonNull(summary, "summary is null");
      blocks = List.copyOf(blocks);
    }
  }
}
