package io.edpipe.bench;

import java.util.List;

/** A step of the bench failed: names the step and shows the end of what its child printed. */
public final class StepFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepFailedException(String step, String reason, List<String> lastLines) {
    super("Cannot " + step + ": " + reason + (lastLines.isEmpty() ? "" : "; its last lines:\n  " + String.join("\n  ", lastLines)));
  }

  public StepFailedException(String step, String reason, Throwable cause) {
    super("Cannot " + step + ": " + reason, cause);
  }
}
