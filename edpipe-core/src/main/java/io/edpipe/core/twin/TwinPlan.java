package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The distinct attempts of the exact twin, in catalog order, and the question banks they draw from. */
record TwinPlan(ExamCatalog catalog, List<AttemptPlan> attempts, ExamBanks banks) {
  TwinPlan {
    requireNonNull(catalog, "catalog is null");
    attempts = List.copyOf(attempts);
    requireNonNull(banks, "banks is null");
  }
}
