package io.edpipe.core.parse;

import java.util.HashSet;
import java.util.Set;

/**
 * The field names seen so far in one JSON object, to find a duplicate key. The parser interns names (its factory
 * must enable {@code INTERN_FIELD_NAMES}, the default), so a short object costs a few reference comparisons; a long
 * one (an unknown field's payload) switches to a hash set. Cheaper than the JSON library's own detection, which
 * builds a hash set for every object of three or more keys.
 */
final class FieldNames {
  private static final int SCANNED = 16;

  private final String[] names = new String[SCANNED];
  private int size;
  private Set<String> many;

  void clear() {
    size = 0;
    many = null;
  }

  /** Adds {@code name}; false if the object already has it. */
  boolean add(String name) {
    if (many != null) {
      return many.add(name);
    }
    for (int i = 0; i < size; i++) {
      if (names[i] == name) {
        return false;
      }
    }
    if (size < SCANNED) {
      names[size++] = name;
      return true;
    }
    many = new HashSet<>(Set.of(names));
    return many.add(name);
  }
}
