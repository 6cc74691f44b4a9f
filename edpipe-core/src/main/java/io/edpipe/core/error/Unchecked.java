package io.edpipe.core.error;

/** Throws what Scala code throws undeclared (AnalysisException, RetriesExceeded) without wrapping it. */
public final class Unchecked {
  private Unchecked() {}

  /** Throws {@code throwable} as it is; returns nothing ({@code throw Unchecked.thrown(e)} reads as what it does). */
  public static RuntimeException thrown(Throwable throwable) {
    throw Unchecked.<RuntimeException>sneaky(throwable);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable throwable) throws T {
    throw (T) throwable;
  }
}
