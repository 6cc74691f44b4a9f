package io.edpipe.core.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints result tables: aligned text for people, JSON (an object keyed by table id; a scalar is its value, a
 * table a list of row objects) or CSV in long form ({@code table,row,column,value}) for scripts. Times print as
 * ISO-8601 UTC.
 */
public final class ResultWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

  private final OutputFormat format;

  public ResultWriter(OutputFormat format) {
    this.format = requireNonNull(format, "format is null");
  }

  public void write(List<ResultTable> tables, PrintWriter out) {
    switch (format) {
      case TABLE -> tables.forEach(table -> writeText(table, out));
      case JSON -> writeJson(tables, out);
      case CSV -> writeCsv(tables, out);
    }
    out.flush();
  }

  private static void writeText(ResultTable table, PrintWriter out) {
    if (table.isScalar()) {
      out.printf("%s: %s%n", table.title(), text(table.rows().get(0).get(0)));
      if (table.note() != null) {
        out.printf("    (%s)%n", table.note());
      }
      return;
    }
    out.println(table.title() + (table.note() == null ? "" : "  (" + table.note() + ")"));
    int[] widths = new int[table.columns().size()];
    List<List<String>> cells = new ArrayList<>();
    cells.add(table.columns());
    for (List<Object> row : table.rows()) {
      cells.add(row.stream().map(ResultWriter::text).toList());
    }
    for (List<String> row : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    boolean[] numeric = new boolean[widths.length];
    for (int i = 0; i < widths.length; i++) {
      numeric[i] = isNumeric(table, i);
    }
    for (int r = 0; r < cells.size(); r++) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < widths.length; i++) {
        String cell = cells.get(r).get(i);
        line.append(pad(cell, widths[i], r > 0 && numeric[i]));
        line.append(i + 1 < widths.length ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder("  ");
        for (int i = 0; i < widths.length; i++) {
          rule.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "");
        }
        out.println(rule);
      }
    }
    if (table.rows().isEmpty()) {
      out.println("  (no rows)");
    }
    out.println();
  }

  private static void writeJson(List<ResultTable> tables, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    for (ResultTable table : tables) {
      if (table.isScalar()) {
        root.set(table.id(), JSON.valueToTree(jsonValue(table.rows().get(0).get(0))));
        continue;
      }
      ArrayNode rows = root.putArray(table.id());
      for (List<Object> row : table.rows()) {
        ObjectNode object = rows.addObject();
        for (int i = 0; i < row.size(); i++) {
          object.set(table.columns().get(i), JSON.valueToTree(jsonValue(row.get(i))));
        }
      }
    }
    try {
      JSON.writeValue(out, root);
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write JSON results", e);
    }
  }

  private static void writeCsv(List<ResultTable> tables, PrintWriter out) {
    if (tables.size() == 1 && !tables.get(0).isScalar()) {
      // one table (a query's result): plain CSV with a header
      ResultTable table = tables.get(0);
      out.println(String.join(",", table.columns().stream().map(ResultWriter::csv).toList()));
      for (List<Object> row : table.rows()) {
        out.println(String.join(",", row.stream().map(value -> csv(text(value))).toList()));
      }
      return;
    }
    out.println("table,row,column,value");
    for (ResultTable table : tables) {
      for (int r = 0; r < table.rows().size(); r++) {
        List<Object> row = table.rows().get(r);
        for (int i = 0; i < row.size(); i++) {
          out.println(
              String.join(
                  ",", csv(table.id()), String.valueOf(r + 1), csv(table.columns().get(i)), csv(text(row.get(i)))));
        }
      }
    }
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Instant || value instanceof java.sql.Timestamp || value instanceof LocalDateTime) {
      return text(value);
    }
    return value;
  }

  /** A value as text: times as ISO-8601 UTC, doubles without trailing zeros, null as {@code null}. */
  public static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Instant instant) {
      return UTC.format(instant);
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return UTC.format(timestamp.toInstant());
    }
    if (value instanceof LocalDateTime local) {
      return UTC.format(local.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof Double number) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  /** A column whose values are all numbers (or null) aligns right. */
  private static boolean isNumeric(ResultTable table, int column) {
    boolean any = false;
    for (List<Object> row : table.rows()) {
      Object value = row.get(column);
      if (value != null && !(value instanceof Number)) {
        return false;
      }
      any |= value != null;
    }
    return any;
  }

  private static String pad(String cell, int width, boolean right) {
    String padding = " ".repeat(width - cell.length());
    return right ? padding + cell : cell + padding;
  }

  private static String csv(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
