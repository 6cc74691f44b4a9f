package io.edpipe.core.customer;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customers (publishers) whose attempts share the lake. A message names its customer in a Kafka header; every
 * landed row keeps it in a {@code customer} column, and a customer's session on {@code edpipe serve} sees only its
 * own rows.
 *
 * <p>A customer id is 1 to 64 characters: lower-case ASCII letters and digits, {@code -} and {@code _}, starting
 * with a letter or digit. Ids are compared byte for byte, so one customer has one spelling.
 */
public final class Customers {
  /** The Kafka header that names a message's customer, its value the id in UTF-8. */
  public static final String HEADER = "customer";

  /** The customer of messages without the header, unless landing is told another. */
  public static final String DEFAULT = "default";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private Customers() {}

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** {@code id}, if valid; else a bad-usage error that names {@code what} it was given as. */
  public static String check(String id, String what) {
    if (!isValid(id)) {
      throw new PipelineException(
          ErrorCode.BAD_USAGE,
          "Invalid customer id %s for %s: 1 to 64 characters, lower-case letters, digits, '-' and '_', starting"
              + " with a letter or digit",
          id == null ? "null" : "'" + id + "'",
          what);
    }
    return id;
  }

  /** The id a header value holds, if it is a valid id in UTF-8 (ASCII, then). */
  public static Optional<String> fromHeader(byte[] value) {
    if (value == null || value.length == 0 || value.length > 64) {
      return Optional.empty();
    }
    for (byte b : value) {
      if (b < 0) {
        return Optional.empty();
      }
    }
    String id = new String(value, StandardCharsets.US_ASCII);
    return isValid(id) ? Optional.of(id) : Optional.empty();
  }

  /** The header value for {@code id}. */
  public static byte[] headerValue(String id) {
    return check(id, "a message header").getBytes(StandardCharsets.US_ASCII);
  }
}
