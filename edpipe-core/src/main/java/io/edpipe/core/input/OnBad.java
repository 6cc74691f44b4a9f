package io.edpipe.core.input;

/** What a consumer of an input does with an element that cannot be used. */
public enum OnBad {
  /** Stop at the first bad element, keeping what was done before it. */
  FAIL,
  /** Count the bad element, record it in a rejects file and continue with the next one (when possible). */
  SKIP
}
