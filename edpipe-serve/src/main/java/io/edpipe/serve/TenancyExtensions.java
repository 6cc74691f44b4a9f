package io.edpipe.serve;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The session extensions of {@code edpipe serve} ({@code spark.sql.extensions}): every session of the server,
 * and each one Spark Connect makes for a client, checks names before resolution ({@link NameCheck}), puts the
 * customer's filter above every landed table ({@link CustomerRowFilter}) and checks the analyzed plan ({@link
 * TenantCheck}).
 */
public final class TenancyExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectHintResolutionRule(NameCheck::new);
    extensions.injectPostHocResolutionRule(CustomerRowFilter::new);
    extensions.injectCheckRule(TenantCheck::new);
    return BoxedUnit.UNIT;
  }
}
