package io.edpipe.core.parse;

import static java.util.Objects.requireNonNull;

/** The result of parsing one message: an attempt, or the reason it cannot be landed. */
public sealed interface ParseOutcome {
  /** A message that parsed into an attempt. */
  record Parsed(Attempt attempt) implements ParseOutcome {
    public Parsed {
      requireNonNull(attempt, "attempt is null");
    }
  }

  /** A message that breaks a rule; {@code detail} says what and where in the message. */
  record Rejected(RejectReason reason, String detail) implements ParseOutcome {
    public Rejected {
      requireNonNull(reason, "reason is null");
      requireNonNull(detail, "detail is null");
    }
  }
}
