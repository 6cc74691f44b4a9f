package io.edpipe.serve;

import io.edpipe.core.error.Unchecked;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;
import scala.collection.immutable.Map$;

/** The error a customer's session gets for what it may not do: an analysis error, so clients show it as theirs. */
final class Denied {
  private Denied() {}

  /**
   * Throws an {@link AnalysisException} that says why; returns nothing ({@code throw Denied.because(...)} reads
   * as what it does). Scala code throws it unchecked, as the analyzer's rules do.
   */
  static RuntimeException because(String format, Object... args) {
    String message = "edpipe serve: " + String.format(format, args);
    throw Unchecked.thrown(
        new AnalysisException(
            message, Option.empty(), Option.empty(), Option.empty(), Option.empty(), Map$.MODULE$.empty(),
            new QueryContext[0]));
  }
}
