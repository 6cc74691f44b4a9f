package io.edpipe.core.parse;

import static java.util.Objects.requireNonNull;

/** Thrown inside the parser when a message breaks a rule; callers see it as {@link ParseOutcome.Rejected}. */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  Rejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = requireNonNull(reason, "reason is null");
  }

  RejectReason reason() {
    return reason;
  }
}
