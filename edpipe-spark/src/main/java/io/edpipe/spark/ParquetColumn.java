package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.shaded.org.apache.parquet.bytes.BytesInput;
import org.apache.iceberg.shaded.org.apache.parquet.column.ColumnDescriptor;
import org.apache.iceberg.shaded.org.apache.parquet.column.Encoding;
import org.apache.iceberg.shaded.org.apache.parquet.column.statistics.Statistics;
import org.apache.iceberg.shaded.org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.iceberg.shaded.org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.iceberg.shaded.org.apache.parquet.io.api.Binary;

/**
 * One column of a flat table on its way into a Parquet file: values in PLAIN encoding and definition levels as a
 * bit per row, a page at a time; a full page is compressed and kept until the row group is written. No
 * dictionaries: ids are mostly distinct, and compression finds the repeats in a page (the keen_id of an attempt's
 * options, an exam's name) at a fraction of a dictionary's hash lookups per value. Not thread-safe.
 *
 * <p>The page layout is Parquet's data page V1: no repetition levels (the tables are flat); for an optional
 * column, its definition levels in the RLE/bit-packing hybrid encoding (bit width 1) with their length in front;
 * then the values of the rows that have one.
 */
final class ParquetColumn {
  /** A page ends at this many rows, or at {@link #PAGE_BYTES} of values, whichever comes first. */
  static final int PAGE_ROWS = 20_000;

  static final int PAGE_BYTES = 1024 * 1024;

  private final ColumnDescriptor descriptor;
  private final int position;
  private final TableRow.Kind kind;
  private final boolean optional;
  private final String name;
  private final BytesInputCompressor compressor;

  private byte[] values = new byte[64 * 1024];
  private int valuesLength;
  private final long[] defined = new long[(PAGE_ROWS + 63) / 64];
  private int rows;
  private int nulls;
  private int pendingBits;
  private int pendingBitCount;

  private boolean hasValue;
  private long minLong;
  private long maxLong;
  private double minDouble;
  private double maxDouble;
  private boolean hasDouble;
  private byte[] minBytes;
  private byte[] maxBytes;
  private byte[] lastArray; // where the last value is, never changed after (TableRow's strings are constant)
  private int lastOffset;
  private int lastLength;

  private final List<Page> pages = new ArrayList<>();
  private long heldBytes;

  /** A finished page: compressed, with what its header needs. */
  private record Page(BytesInput bytes, int uncompressedSize, int rows, Statistics<?> statistics) {}

  /**
   * @param descriptor the column in the file's schema: a primitive with no repetition, required or optional
   * @param position the column's position in {@link TableRow}s
   */
  ParquetColumn(ColumnDescriptor descriptor, int position, TableRow.Kind kind, String name, BytesInputCompressor compressor) {
    this.descriptor = requireNonNull(descriptor, "descriptor is null");
    if (descriptor.getMaxRepetitionLevel() != 0 || descriptor.getMaxDefinitionLevel() > 1) {
      throw new IllegalArgumentException("Column " + name + " is not flat: " + descriptor);
    }
    this.position = position;
    this.kind = requireNonNull(kind, "kind is null");
    this.optional = descriptor.getMaxDefinitionLevel() == 1;
    this.name = requireNonNull(name, "name is null");
    this.compressor = requireNonNull(compressor, "compressor is null");
  }

  /** Adds the column's value of {@code row}. */
  void add(TableRow row) throws IOException {
    if (!row.isPresent(position)) {
      if (!optional) {
        throw new IllegalArgumentException("Column " + name + " is required but null");
      }
      nulls++;
    } else {
      defined[rows >>> 6] |= 1L << (rows & 63);
      switch (kind) {
        case STRING -> addString(row.array(position), row.offset(position), row.length(position));
        case INT -> addInt((int) row.longValue(position));
        case LONG -> addLong(row.longValue(position));
        case DOUBLE -> addDouble(row.doubleValue(position));
        case BOOLEAN -> addBoolean(row.booleanValue(position));
      }
    }
    rows++;
    if (rows == PAGE_ROWS || valuesLength >= PAGE_BYTES) {
      finishPage();
    }
  }

  private void addString(byte[] array, int offset, int length) {
    ensure(4 + length);
    putInt(length);
    System.arraycopy(array, offset, values, valuesLength, length);
    valuesLength += length;
    if (array == lastArray && offset == lastOffset && length == lastLength) {
      return; // the same value again (an attempt's keen_id on each of its rows): min and max stand
    }
    lastArray = array;
    lastOffset = offset;
    lastLength = length;
    if (!hasValue) {
      minBytes = Arrays.copyOfRange(array, offset, offset + length);
      maxBytes = minBytes;
      hasValue = true;
    } else if (compareUnsigned(array, offset, length, minBytes) < 0) {
      minBytes = Arrays.copyOfRange(array, offset, offset + length);
    } else if (compareUnsigned(array, offset, length, maxBytes) > 0) {
      maxBytes = Arrays.copyOfRange(array, offset, offset + length);
    }
  }

  /** Parquet's order of UTF-8 strings; most ids differ in their first byte, which is cheaper to look at alone. */
  private static int compareUnsigned(byte[] array, int offset, int length, byte[] other) {
    if (length > 0 && other.length > 0 && array[offset] != other[0]) {
      return Byte.toUnsignedInt(array[offset]) - Byte.toUnsignedInt(other[0]);
    }
    return Arrays.compareUnsigned(array, offset, offset + length, other, 0, other.length);
  }

  private void addInt(int value) {
    ensure(4);
    putInt(value);
    track(value);
  }

  private void addLong(long value) {
    ensure(8);
    putLong(value);
    track(value);
  }

  private void track(long value) {
    if (!hasValue) {
      minLong = value;
      maxLong = value;
      hasValue = true;
    } else if (value < minLong) {
      minLong = value;
    } else if (value > maxLong) {
      maxLong = value;
    }
  }

  private void addDouble(double value) {
    ensure(8);
    putLong(Double.doubleToRawLongBits(value));
    hasValue = true;
    if (Double.isNaN(value)) {
      return; // Parquet's statistics leave NaN out of min and max
    }
    if (!hasDouble) {
      minDouble = value;
      maxDouble = value;
      hasDouble = true;
    } else if (value < minDouble) {
      minDouble = value;
    } else if (value > maxDouble) {
      maxDouble = value;
    }
  }

  private void addBoolean(boolean value) {
    if (value) {
      pendingBits |= 1 << pendingBitCount;
    }
    if (++pendingBitCount == 8) {
      flushBits();
    }
    track(value ? 1 : 0);
  }

  private void flushBits() {
    ensure(1);
    values[valuesLength++] = (byte) pendingBits;
    pendingBits = 0;
    pendingBitCount = 0;
  }

  private void ensure(int more) {
    if (valuesLength + more > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, valuesLength + more));
    }
  }

  private void putInt(int value) {
    values[valuesLength] = (byte) value;
    values[valuesLength + 1] = (byte) (value >>> 8);
    values[valuesLength + 2] = (byte) (value >>> 16);
    values[valuesLength + 3] = (byte) (value >>> 24);
    valuesLength += 4;
  }

  private void putLong(long value) {
    putInt((int) value);
    putInt((int) (value >>> 32));
  }

  /** Compressed bytes of the pages this row group holds so far. */
  long heldBytes() {
    return heldBytes;
  }

  /** Writes the row group's column chunk: every page so far, the open one too. */
  void writeTo(ParquetFileWriter writer) throws IOException {
    finishPage();
    long valueCount = 0;
    for (Page page : pages) {
      valueCount += page.rows();
    }
    writer.startColumn(descriptor, valueCount, compressor.getCodecName());
    for (Page page : pages) {
      writer.writeDataPage(
          page.rows(),
          page.uncompressedSize(),
          page.bytes(),
          page.statistics(),
          page.rows(),
          Encoding.BIT_PACKED, // no repetition levels: Parquet names the absent ones so
          optional ? Encoding.RLE : Encoding.BIT_PACKED,
          Encoding.PLAIN);
    }
    writer.endColumn();
    pages.clear();
    heldBytes = 0;
  }

  private void finishPage() throws IOException {
    if (rows == 0) {
      return;
    }
    if (pendingBitCount > 0) {
      flushBits();
    }
    BytesInput body =
        optional
            ? BytesInput.concat(BytesInput.from(levels()), BytesInput.from(values, 0, valuesLength))
            : BytesInput.from(values, 0, valuesLength);
    int uncompressed = Math.toIntExact(body.size());
    BytesInput compressed = BytesInput.copy(compressor.compress(body)); // the compressor reuses its buffer
    pages.add(new Page(compressed, uncompressed, rows, statistics()));
    heldBytes += compressed.size();
    Arrays.fill(defined, 0, (rows + 63) >>> 6, 0L);
    valuesLength = 0;
    rows = 0;
    nulls = 0;
    hasValue = false;
    hasDouble = false;
    minBytes = null;
    maxBytes = null;
    lastArray = null;
  }

  /** The page's definition levels, RLE/bit-packing hybrid with bit width 1, after their 4-byte length. */
  private byte[] levels() {
    byte[] out;
    int length;
    if (nulls == 0 || nulls == rows) { // one RLE run
      out = new byte[4 + 5 + 1];
      length = 4 + putVarInt(out, 4, rows << 1);
      out[length++] = (byte) (nulls == 0 ? 1 : 0);
    } else { // one bit-packed run of groups of 8 levels, the first level in the lowest bit
      int groups = (rows + 7) >>> 3;
      out = new byte[4 + 5 + groups];
      length = 4 + putVarInt(out, 4, (groups << 1) | 1);
      for (int group = 0; group < groups; group++) {
        out[length++] = (byte) (defined[group >>> 3] >>> ((group & 7) << 3));
      }
    }
    int size = length - 4;
    out[0] = (byte) size;
    out[1] = (byte) (size >>> 8);
    out[2] = (byte) (size >>> 16);
    out[3] = (byte) (size >>> 24);
    return Arrays.copyOf(out, length);
  }

  private static int putVarInt(byte[] out, int at, int value) {
    int written = 0;
    while ((value & ~0x7F) != 0) {
      out[at + written++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at + written++] = (byte) value;
    return written;
  }

  private Statistics<?> statistics() {
    Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
    if (hasValue) {
      switch (kind) {
        case STRING -> {
          statistics.updateStats(Binary.fromConstantByteArray(minBytes));
          statistics.updateStats(Binary.fromConstantByteArray(maxBytes));
        }
        case INT -> {
          statistics.updateStats((int) minLong);
          statistics.updateStats((int) maxLong);
        }
        case LONG -> {
          statistics.updateStats(minLong);
          statistics.updateStats(maxLong);
        }
        case DOUBLE -> {
          if (hasDouble) {
            statistics.updateStats(minDouble);
            statistics.updateStats(maxDouble);
          }
        }
        case BOOLEAN -> {
          statistics.updateStats(minLong != 0);
          statistics.updateStats(maxLong != 0);
        }
      }
    }
    statistics.setNumNulls(nulls);
    return statistics;
  }
}
