package io.edpipe.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Random;

/** Random small edits of JSON bytes, for tests that compare a quick reader with Jackson's on what comes out. */
public final class RandomEdits {
  /** Bytes that matter to JSON, and a few that do not. */
  private static final byte[] ALPHABET = "{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsn/bx\u0001".getBytes(UTF_8);

  private RandomEdits() {}

  /**
   * One to three edits of a copy of {@code seed}: a byte replaced, inserted or deleted, or a span of it copied
   * elsewhere. One edited byte in twenty is any byte at all, the others come from JSON's alphabet.
   */
  public static byte[] edit(byte[] seed, Random random) {
    byte[] json = seed.clone();
    int edits = 1 + random.nextInt(random.nextBoolean() ? 1 : 3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(json.length);
      byte replacement = random.nextInt(20) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
      switch (random.nextInt(4)) {
        case 0 -> json[at] = replacement;
        case 1 -> json = splice(json, at, at, new byte[] {replacement});
        case 2 -> json = splice(json, at, Math.min(json.length, at + 1 + random.nextInt(3)), new byte[0]);
        default -> {
          int from = random.nextInt(json.length);
          int to = Math.min(json.length, from + 1 + random.nextInt(12));
          json = splice(json, at, at, Arrays.copyOfRange(json, from, to));
        }
      }
      if (json.length == 0) {
        json = "{}".getBytes(UTF_8);
      }
    }
    return json;
  }

  private static byte[] splice(byte[] json, int from, int to, byte[] insert) {
    byte[] out = new byte[json.length - (to - from) + insert.length];
    System.arraycopy(json, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(json, to, out, from + insert.length, json.length - to);
    return out;
  }
}
