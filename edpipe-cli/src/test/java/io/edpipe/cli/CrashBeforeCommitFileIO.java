package io.edpipe.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.OutputFile;

/**
 * Crashes the JVM between writing a batch's data files and committing them: Iceberg's file IO for a child edpipe
 * ({@code -Dspark.sql.catalog.edpipe.io-impl=io.edpipe.cli.CrashBeforeCommitFileIO}) that halts the process, as
 * kill -9 would, when the commit of table {@value #TABLE} starts writing its metadata after data files were written.
 * Spark runs locally in the child, so tasks and driver share the flag.
 */
public class CrashBeforeCommitFileIO extends HadoopFileIO {
  static final String TABLE = "attempts";
  static final String MESSAGE = "CrashBeforeCommitFileIO: halting between data files and commit";
  private static final AtomicBoolean DATA_WRITTEN = new AtomicBoolean();

  @Override
  public OutputFile newOutputFile(String path) {
    if (path.contains("/" + TABLE + "/data/")) {
      DATA_WRITTEN.set(true);
    } else if (DATA_WRITTEN.get() && path.contains("/" + TABLE + "/metadata/")) {
      System.err.println(MESSAGE + " (" + path + ")");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
    return super.newOutputFile(path);
  }
}
