package io.edpipe.core.parse;

import static java.util.Objects.requireNonNull;

/** Why a message cannot be landed. The codes are stable: they are stored in the quarantine table. */
public enum RejectReason {
  EMPTY_MESSAGE("empty_message"),
  NOT_UTF8("not_utf8"),
  INVALID_JSON("invalid_json"),
  DUPLICATE_KEY("duplicate_key"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_KEEN_ID("missing_keen_id"),
  BAD_TIMESTAMP("bad_timestamp"),
  BAD_NUMBER("bad_number"),
  BAD_FIELD_TYPE("bad_field_type"),
  /** The message's customer header is not a valid customer id: it cannot be landed under anyone. */
  INVALID_CUSTOMER("invalid_customer");

  private final String code;

  RejectReason(String code) {
    this.code = requireNonNull(code, "code is null");
  }

  /** The stable rule code, e.g. {@code invalid_json}. */
  public String code() {
    return code;
  }
}
