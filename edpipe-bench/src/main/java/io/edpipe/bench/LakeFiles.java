package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import io.edpipe.spark.LakeConfig;
import io.edpipe.spark.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The data files of a landed table's current snapshot, from Iceberg's {@code files} metadata table. */
final class LakeFiles {
  /** One data file. */
  record DataFile(String path, long bytes, long rows) {
    DataFile {
      requireNonNull(path, "path is null");
    }
  }

  /**
   * A table's current data files.
   *
   * @param deleteFiles delete files of the snapshot: rows the data files hold but the table does not
   */
  record TableFiles(LakeTable table, List<DataFile> files, long deleteFiles) {
    TableFiles {
      requireNonNull(table, "table is null");
      files = List.copyOf(files);
    }

    long bytes() {
      return files.stream().mapToLong(DataFile::bytes).sum();
    }

    long rows() {
      return files.stream().mapToLong(DataFile::rows).sum();
    }
  }

  private LakeFiles() {}

  static TableFiles of(SparkSession spark, LakeTable table) {
    List<DataFile> files = new ArrayList<>();
    long deleteFiles = 0;
    for (Row row :
        spark
            .sql("SELECT content, file_path, file_size_in_bytes, record_count FROM " + LakeConfig.qualified(table) + ".files")
            .collectAsList()) {
      if (row.getInt(0) == 0) {
        files.add(new DataFile(row.getString(1), row.getLong(2), row.getLong(3)));
      } else {
        deleteFiles++;
      }
    }
    return new TableFiles(table, files, deleteFiles);
  }

  /** Copies the table's data files into {@code directory}, numbered (file names may repeat across folders). */
  static void copy(SparkSession spark, TableFiles table, Path directory) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      Files.createDirectories(directory);
      int index = 0;
      for (DataFile file : table.files()) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(file.path());
        Path target = directory.resolve(String.format("%05d-%s", index++, source.getName()));
        source
            .getFileSystem(hadoop)
            .copyToLocalFile(
                false /* keep the source */, source, new org.apache.hadoop.fs.Path(target.toUri()), true /* raw: no .crc */);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the data files of " + table.table().tableName() + " to " + directory, e);
    }
  }
}
