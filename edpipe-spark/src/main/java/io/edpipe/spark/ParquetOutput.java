package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.shaded.org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's view of an Iceberg {@link OutputFile}, so that a Parquet file writer writes through the table's
 * FileIO (HDFS, local files, object stores). Remembers the file's length once the writer closes it.
 */
final class ParquetOutput implements org.apache.iceberg.shaded.org.apache.parquet.io.OutputFile {
  private final OutputFile file;
  private long length = -1;

  ParquetOutput(OutputFile file) {
    this.file = requireNonNull(file, "file is null");
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return stream(file.create());
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return stream(file.createOrOverwrite());
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return file.location();
  }

  /** The file's length in bytes, once closed. */
  long length() {
    if (length < 0) {
      throw new IllegalStateException("Not closed yet: " + file.location());
    }
    return length;
  }

  private PositionOutputStream stream(org.apache.iceberg.io.PositionOutputStream out) {
    return new PositionOutputStream() {
      @Override
      public long getPos() throws IOException {
        return out.getPos();
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        long position = out.getPos();
        out.close();
        length = position;
      }
    };
  }
}
