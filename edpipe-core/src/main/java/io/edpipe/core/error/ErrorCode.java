package io.edpipe.core.error;

import static java.util.Objects.requireNonNull;

/** What went wrong, and whose fault it is: the CLI maps {@link Kind#USER} to exit code 2, everything else to 1. */
public enum ErrorCode {
  BAD_USAGE(Kind.USER),
  BAD_INPUT(Kind.USER),
  BAD_CONFIG(Kind.USER),
  KAFKA_UNAVAILABLE(Kind.EXTERNAL),
  HDFS_UNAVAILABLE(Kind.EXTERNAL),
  STACK_FAILED(Kind.EXTERNAL),
  LANDING_FAILED(Kind.EXTERNAL),
  LAKE_LOCKED(Kind.EXTERNAL),
  INTERNAL(Kind.INTERNAL);

  /** Who has to act. */
  public enum Kind {
    USER,
    EXTERNAL,
    INTERNAL
  }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
