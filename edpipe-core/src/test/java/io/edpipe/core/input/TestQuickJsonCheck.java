package io.edpipe.core.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.edpipe.core.RandomEdits;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestQuickJsonCheck {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final QuickJsonCheck quick = new QuickJsonCheck();

  /** What the reader's Jackson path decides: the key (or "" for none) of one object, or null if invalid. */
  private static String jackson(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String key = AttemptKeys.scan(parser);
      if (parser.nextToken() != null) {
        return null;
      }
      return key == null ? "" : key;
    } catch (IOException e) {
      return null;
    }
  }

  private boolean quick(byte[] json) {
    return quick.check(json, 0, json.length);
  }

  private String quickKey() {
    return quick.key() == null ? "" : quick.key();
  }

  @Test
  void passesEveryRealRecordWithJacksonsKey() {
    for (String line : ReaderFixtures.sampleLines()) {
      byte[] json = line.getBytes(UTF_8);
      assertThat(quick(json)).as(line).isTrue();
      assertThat(quickKey()).isEqualTo(jackson(json)).isNotEmpty();
    }
  }

  @Test
  void knowsWhetherTheObjectIsCompact() {
    assertThat(quick("{\"a\":\"x y\",\"b\":[1,{\"c\":\"\\\" \"}]}".getBytes(UTF_8))).isTrue();
    assertThat(quick.isCompact()).isTrue();
    assertThat(quick("{\"a\":\"x y\", \"b\":[1]}".getBytes(UTF_8))).isTrue();
    assertThat(quick.isCompact()).isFalse();
    assertThat(quick(" {}".getBytes(UTF_8))).isTrue();
    assertThat(quick.isCompact()).isFalse();
  }

  @Test
  void readsAPartOfAnArray() {
    byte[] json = "xx {\"keen_id\":\"k\", \"a\": [1, 2.5e-3, true, null, {}]}  yy".getBytes(UTF_8);

    assertThat(quick.check(json, 3, json.length - 4)).isTrue();
    assertThat(quick.key()).isEqualTo("k");
    assertThat(quick.check(json, 3, json.length)).isFalse();
  }

  @Test
  void findsTheKeyAsAttemptKeysDoes() {
    String[] objects = {
      "{\"user_exam_id\":\"u1\",\"x\":1,\"keen_id\":\"k1\"}",
      "{\"keen_id\":null,\"user_exam_id\":\"u1\"}",
      "{\"keen_id\":{\"id\":\"x\"},\"user_exam_id\":\"u\",\"keen_id\":\"late\"}",
      "{\"keen_id\":\"first\",\"keen_id\":\"second\"}",
      "{\"keen_id\":\"first\",\"keen_id\":2}",
      "{\"sequences\":{\"keen_id\":\"inner\",\"list\":[{\"user_exam_id\":\"inner\"}]}}",
      "{\"a\":\"b\"}",
      "{}",
      " {\r\n\t\"keen_id\" : \"spaced\" } ",
    };
    for (String object : objects) {
      byte[] json = object.getBytes(UTF_8);
      assertThat(quick(json)).as(object).isTrue();
      assertThat(quickKey()).as(object).isEqualTo(jackson(json));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"keen_id\":7}", // Jackson renders a number key
        "{\"keen_id\":true}",
        "{\"keen_id\":\"a\\u0041\"}", // an escaped key
        "{\"keen\\u005fid\":\"k\"}", // an escaped top-level name
        "{\"exam\":\"caf\u00e9\"}", // not ASCII
      })
  void leavesUnusualButValidObjectsToJackson(String object) {
    byte[] json = object.getBytes(UTF_8);

    assertThat(jackson(json)).as("valid").isNotNull();
    assertThat(quick(json)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "[]", "\"s\"", "{", "}", "{}{}", "{} x", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}",
        "{\"a\":+1}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":NaN}", "{\"a\":1,}", "{,}",
        "{\"a\":[1,]}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"open}", "{\"a\":1}\u0000", "{\"a\":[}", "{\"a\":{]}", "{\"a\"://c\n1}", "\f{}",
      })
  void neverPassesWhatJacksonRejects(String object) {
    byte[] json = object.getBytes(UTF_8);

    assertThat(jackson(json)).as("invalid").isNull();
    assertThat(quick(json)).isFalse();
  }

  @Test
  void leavesVeryLongNumbersToJackson() {
    byte[] json = ("{\"a\":1e" + "9".repeat(QuickJsonCheck.MAX_NUMBER_LENGTH) + "}").getBytes(UTF_8);

    assertThat(jackson(json)).as("valid").isNotNull();
    assertThat(quick(json)).isFalse();
  }

  @Test
  void refusesNestingDeeperThanItsLimit() {
    String deep = "{\"a\":" + "[".repeat(QuickJsonCheck.MAX_DEPTH + 1) + "]".repeat(QuickJsonCheck.MAX_DEPTH + 1) + "}";
    String allowed = "{\"a\":" + "[".repeat(QuickJsonCheck.MAX_DEPTH - 1) + "]".repeat(QuickJsonCheck.MAX_DEPTH - 1) + "}";

    assertThat(quick(deep.getBytes(UTF_8))).isFalse();
    assertThat(quick(allowed.getBytes(UTF_8))).isTrue();
  }

  /**
   * Random edits of real records and of small random JSON values: whenever the quick check passes a value, Jackson
   * reads it as one object with the same key. And it passes nearly every edit of a real record that stays valid, or
   * it would save nothing. (Random values are often unusual on purpose: number keys, escapes, bytes that are not
   * ASCII.)
   */
  @Test
  void agreesWithJacksonOnRandomEdits() {
    Random random = new Random(20261202);
    List<byte[]> records = ReaderFixtures.sampleLines().stream().limit(3).map(line -> line.getBytes(UTF_8)).toList();
    List<byte[]> seeds = new ArrayList<>(records);
    for (int i = 0; i < 50; i++) {
      seeds.add(randomObject(random, 0).getBytes(UTF_8));
    }
    int validRecords = 0;
    int passedRecords = 0;
    int passed = 0;
    for (int i = 0; i < 100_000; i++) {
      int seed = random.nextInt(seeds.size());
      byte[] json = RandomEdits.edit(seeds.get(seed), random);
      String expected = jackson(json);
      boolean pass = quick(json);
      if (pass) {
        assertThat(expected).as("Jackson reads %s", new String(json, UTF_8)).isNotNull();
        assertThat(quickKey()).as("key of %s", new String(json, UTF_8)).isEqualTo(expected);
        assertThat(quick.isCompact())
            .as("compact: %s", new String(json, UTF_8))
            .isEqualTo(Arrays.equals(CompactJson.stripEachByte(json, 0, json.length), json));
        passed++;
      }
      if (expected != null && seed < records.size()) {
        validRecords++;
        passedRecords += pass ? 1 : 0;
      }
    }
    assertThat(passed).as("edits passed").isGreaterThan(10_000);
    assertThat(validRecords).as("edits of records that stayed valid").isGreaterThan(1_000);
    assertThat(passedRecords).as("of those, passed").isGreaterThan(validRecords * 9 / 10);
  }

  private static String randomObject(Random random, int depth) {
    StringBuilder json = new StringBuilder("{");
    int fields = random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        json.append(random.nextBoolean() ? "," : ", ");
      }
      String name = switch (random.nextInt(4)) {
        case 0 -> "keen_id";
        case 1 -> "user_exam_id";
        default -> "f" + random.nextInt(10);
      };
      json.append('"').append(name).append("\":").append(randomValue(random, depth + 1));
    }
    return json.append('}').toString();
  }

  private static String randomValue(Random random, int depth) {
    return switch (random.nextInt(depth > 3 ? 4 : 7)) {
      case 0 -> "\"" + "ab\\n\\u00e9/\\\"x".substring(random.nextInt(5)) + "\"";
      case 1 -> String.valueOf(random.nextInt(2000) - 1000) + (random.nextBoolean() ? ".25e-2" : "");
      case 2 -> random.nextBoolean() ? "true" : "false";
      case 3 -> "null";
      case 4 -> randomObject(random, depth + 1);
      default -> {
        StringBuilder array = new StringBuilder("[");
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
          array.append(i > 0 ? "," : "").append(randomValue(random, depth + 1));
        }
        yield array.append(']').toString();
      }
    };
  }
}
