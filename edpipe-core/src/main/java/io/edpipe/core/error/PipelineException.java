package io.edpipe.core.error;

import static java.util.Objects.requireNonNull;

/** An error with a category; messages read "Cannot &lt;action&gt;: &lt;reason&gt; (&lt;where&gt;)". */
public class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public PipelineException(ErrorCode code, String format, Object... args) {
    super(String.format(format, args));
    this.code = requireNonNull(code, "code is null");
  }

  public PipelineException(ErrorCode code, Throwable cause, String format, Object... args) {
    super(String.format(format, args), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }
}
