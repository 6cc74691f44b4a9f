package io.edpipe.core.table;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A titled table of results: an answer to a business question, or the result of an ad-hoc query.
 *
 * @param id a stable machine name ({@code distinct_attempts}); keys JSON and CSV output
 * @param title what a person reads
 * @param note which rows count, or null
 */
public record ResultTable(String id, String title, String note, List<String> columns, List<List<Object>> rows) {
  public ResultTable {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : requireNonNull(rows, "rows is null")) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "Cannot build table " + id + ": row " + row + " has " + row.size() + " values for " + columns.size() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // values may be null
    }
    rows = List.copyOf(copy);
  }

  /** A one-value answer. */
  public static ResultTable scalar(String id, String title, String note, Object value) {
    List<Object> row = new ArrayList<>();
    row.add(value);
    return new ResultTable(id, title, note, List.of("value"), List.of(row));
  }

  public boolean isScalar() {
    return columns.equals(List.of("value")) && rows.size() == 1;
  }
}
