package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each record of the default twin is internally consistent and written like the real records of
 * fixtures/real-sample.jsonl: same keys in the same orders, same value types, same text forms.
 */
class TestTwinRecordShape {
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern KEEN_ID = Pattern.compile("[0-9a-f]{24}");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{10}(\\.[0-9]{1,7})?");
  private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  private static final Set<List<String>> OPTION_KEY_ORDERS =
      Set.of(
          List.of("checked", "id"),
          List.of("checked", "at", "id", "submitted", "correct"),
          List.of("checked", "correct", "id"),
          List.of("checked", "at", "id"),
          List.of("checked", "at", "id", "submitted"));

  private static TwinOutput twin;
  private static List<JsonNode> real;

  @BeforeAll
  static void generateDefaultTwin() {
    twin = TwinOutput.generate(TwinConfig.defaults());
    real = TwinOutput.realSample().stream().map(TwinOutput::parse).toList();
  }

  @Test
  void keysComeInTheOrdersOfTheRealRecords() {
    List<String> realTopLevel = keys(real.get(0));
    assertThat(real).allSatisfy(r -> assertThat(keys(r)).isEqualTo(realTopLevel));
    List<String> withoutCertification = new ArrayList<>(realTopLevel);
    withoutCertification.remove("certification");
    List<String> realSequences = keys(real.get(0).get("sequences"));
    List<String> realQuestion = keys(real.get(0).get("sequences").get("questions").get(0));
    List<String> realCounts = keys(real.get(0).get("sequences").get("counts"));
    Set<List<String>> realOptions = optionKeyOrders(real);
    assertThat(realOptions).isEqualTo(OPTION_KEY_ORDERS);

    for (JsonNode record : twin.records()) {
      assertThat(keys(record)).isEqualTo(record.has("certification") ? realTopLevel : withoutCertification);
      JsonNode sequences = record.get("sequences");
      assertThat(keys(sequences))
          .isEqualTo(sequences.has("counts") ? realSequences : realSequences.subList(0, realSequences.size() - 1));
      if (sequences.has("counts")) {
        assertThat(keys(sequences.get("counts"))).isEqualTo(realCounts);
      }
      sequences.get("questions").forEach(question -> assertThat(keys(question)).isEqualTo(realQuestion));
    }
    // all five option shapes occur, each with the key order of the real records, and no other
    assertThat(optionKeyOrders(twin.records())).isEqualTo(OPTION_KEY_ORDERS);
  }

  @Test
  void valuesHaveTheTypesOfTheRealRecords() {
    Map<String, Set<JsonNodeType>> realTypes = types(real);
    Map<String, Set<JsonNodeType>> twinTypes = types(twin.records());
    assertThat(twinTypes).isEqualTo(realTypes);
    // every top-level value but sequences is a string, numbers and booleans included
    assertThat(realTypes.get("keen_timestamp")).containsExactly(JsonNodeType.STRING);
    assertThat(realTypes.get("certification")).containsExactly(JsonNodeType.STRING);
    // counts and submitted are small integers, as in the real records
    for (JsonNode record : twin.records()) {
      assertThat(record.get("sequences").get("attempt").isInt()).isTrue();
      for (JsonNode question : record.get("sequences").get("questions")) {
        for (JsonNode option : question.get("options")) {
          if (option.has("submitted")) {
            assertThat(option.get("submitted").isInt()).isTrue();
            assertThat(option.get("submitted").intValue()).isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void textsAreCompactJsonLikeTheRealRecords() throws JsonProcessingException {
    // the real lines are exactly what Jackson writes compactly for their trees; so are the twin's
    for (String line : TwinOutput.realSample()) {
      assertThat(TwinOutput.MAPPER.writeValueAsString(TwinOutput.parse(line))).isEqualTo(line);
    }
    for (String text : twin.texts()) {
      assertThat(TwinOutput.MAPPER.writeValueAsString(TwinOutput.parse(text))).isEqualTo(text);
    }
  }

  @Test
  void countsAgreeWithTheQuestions() {
    for (JsonNode record : twin.records()) {
      JsonNode counts = record.get("sequences").get("counts");
      if (counts == null) {
        continue; // the test exam's records, checked elsewhere
      }
      JsonNode questions = record.get("sequences").get("questions");
      assertThat(counts.get("total").intValue()).isEqualTo(questions.size());
      assertThat(counts.get("correct").intValue()).isEqualTo(count(questions, q -> flag(q, "user_correct")));
      assertThat(counts.get("incorrect").intValue()).isEqualTo(count(questions, q -> result(q).equals("incorrect")));
      assertThat(counts.get("unanswered").intValue()).isEqualTo(count(questions, q -> result(q).equals("unanswered")));
      assertThat(counts.get("incomplete").intValue()).isEqualTo(count(questions, q -> flag(q, "user_incomplete")));
      assertThat(counts.get("submitted").intValue()).isEqualTo(count(questions, q -> flag(q, "user_submitted")));
      assertThat(counts.get("all_correct").booleanValue())
          .isEqualTo(counts.get("correct").intValue() == counts.get("total").intValue());
    }
  }

  @Test
  void resultsAgreeWithTheOptionsChosen() {
    for (JsonNode record : twin.records()) {
      for (JsonNode question : record.get("sequences").get("questions")) {
        int correct = 0;
        int checkedCorrect = 0;
        int checkedWrong = 0;
        for (JsonNode option : question.get("options")) {
          boolean isCorrect = option.has("correct");
          boolean checked = option.get("checked").booleanValue();
          correct += isCorrect ? 1 : 0;
          checkedCorrect += checked && isCorrect ? 1 : 0;
          checkedWrong += checked && !isCorrect ? 1 : 0;
          assertThat(option.has("submitted")).as("submitted only when checked").isEqualTo(checked);
          assertThat(!checked || option.has("at")).as("checked options have at").isTrue();
        }
        String result = result(question);
        boolean flagsCorrect = question.get("user_correct").booleanValue();
        boolean flagsIncomplete = question.get("user_incomplete").booleanValue();
        boolean flagsSubmitted = question.get("user_submitted").booleanValue();
        assertThat(question.get("options").size()).isBetween(2, 6);
        switch (result) {
          case "correct" -> {
            assertThat(checkedCorrect).isEqualTo(correct);
            assertThat(checkedWrong).isZero();
            assertThat(List.of(flagsCorrect, flagsIncomplete, flagsSubmitted)).containsExactly(true, false, true);
          }
          case "incorrect" -> {
            assertThat(checkedWrong).isPositive();
            assertThat(List.of(flagsCorrect, flagsIncomplete, flagsSubmitted)).containsExactly(false, false, true);
          }
          case "missed_some" -> {
            assertThat(checkedCorrect).isPositive().isLessThan(correct);
            assertThat(checkedWrong).isZero();
            assertThat(List.of(flagsCorrect, flagsIncomplete, flagsSubmitted)).containsExactly(false, true, true);
          }
          case "unanswered" -> {
            assertThat(checkedCorrect + checkedWrong).isZero();
            assertThat(List.of(flagsCorrect, flagsIncomplete, flagsSubmitted)).containsExactly(false, false, false);
          }
          default -> throw new AssertionError("unknown user_result " + result);
        }
      }
    }
  }

  @Test
  void questionBanksAreSharedWithinAnExam() {
    Map<String, String> examOfQuestion = new HashMap<>();
    Map<String, Map<String, Boolean>> optionsOfQuestion = new HashMap<>();
    Map<String, Set<List<String>>> ordersOfQuestion = new HashMap<>();
    Map<String, Integer> attemptsOfQuestion = new HashMap<>();
    for (JsonNode record : twin.records()) {
      String exam = record.get("exam_name").textValue();
      for (JsonNode question : record.get("sequences").get("questions")) {
        String id = question.get("id").textValue();
        assertThat(examOfQuestion.computeIfAbsent(id, key -> exam)).as("exam of question %s", id).isEqualTo(exam);
        Map<String, Boolean> options = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode option : question.get("options")) {
          options.put(option.get("id").textValue(), option.has("correct"));
          order.add(option.get("id").textValue());
        }
        assertThat(optionsOfQuestion.computeIfAbsent(id, key -> options))
            .as("options and correct flags of question %s", id)
            .isEqualTo(options);
        ordersOfQuestion.computeIfAbsent(id, key -> new HashSet<>()).add(order);
        attemptsOfQuestion.merge(id, 1, Integer::sum);
      }
    }
    Set<String> optionIds = new HashSet<>();
    for (Map<String, Boolean> options : optionsOfQuestion.values()) {
      for (String option : options.keySet()) {
        assertThat(optionIds.add(option)).as("option %s in one question only", option).isTrue();
      }
    }
    String gitQuestion =
        examOfQuestion.entrySet().stream()
            .filter(e -> e.getValue().equals(PublishedFigures.MOST_COMMON_EXAM))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    assertThat(attemptsOfQuestion.get(gitQuestion)).as("attempts sharing a Learning Git question").isGreaterThan(100);
    assertThat(ordersOfQuestion.get(gitQuestion)).as("option orders of a question").hasSizeGreaterThan(1);
  }

  @Test
  void idsAndTimesHaveTheRealForms() {
    Map<String, String> sequenceOfBaseExam = new HashMap<>();
    for (JsonNode record : twin.records()) {
      String keenTimestamp = record.get("keen_timestamp").textValue();
      Instant started = Instant.parse(record.get("started_at").textValue());
      assertThat(record.get("started_at").textValue()).matches(ISO_MILLIS);
      assertThat(keenTimestamp).matches(EPOCH_SECONDS);
      assertThat(record.get("keen_created_at").textValue()).isEqualTo(keenTimestamp);
      BigDecimal keenSeconds = new BigDecimal(keenTimestamp);
      assertThat(keenSeconds).isGreaterThan(BigDecimal.valueOf(started.toEpochMilli()).movePointLeft(3));
      String keenId = record.get("keen_id").textValue();
      assertThat(keenId).matches(KEEN_ID);
      assertThat(Long.parseLong(keenId.substring(0, 8), 16)).isEqualTo(keenSeconds.longValue());
      assertThat(keenId.substring(14, 18)).isEqualTo("0001");
      assertThat(record.get("user_exam_id").textValue()).matches(UUID);
      assertThat(record.get("sequences").get("attempt").intValue()).isEqualTo(1);
      String sequenceId = record.get("sequences").get("id").textValue();
      assertThat(sequenceId).matches(UUID);
      assertThat(sequenceOfBaseExam.computeIfAbsent(record.get("base_exam_id").textValue(), key -> sequenceId))
          .as("sequences.id is the same for a base_exam_id, as in the real records")
          .isEqualTo(sequenceId);
      for (JsonNode question : record.get("sequences").get("questions")) {
        assertThat(question.get("id").textValue()).matches(UUID);
        for (JsonNode option : question.get("options")) {
          assertThat(option.get("id").textValue()).matches(UUID);
          if (option.has("at")) {
            assertThat(option.get("at").textValue()).matches(ISO_MILLIS);
            assertThat(Instant.parse(option.get("at").textValue())).isAfter(started);
          }
        }
      }
    }
  }

  @Test
  void realKeenTimestampsHaveTheFormTheTwinUses() {
    // %.17g of the nearest double: 6 decimals mostly, a 7th when the double's error shows, fewer when zeros end it
    for (JsonNode record : real) {
      String keenTimestamp = record.get("keen_timestamp").textValue();
      assertThat(keenTimestamp).matches(EPOCH_SECONDS);
      long micros =
          new BigDecimal(keenTimestamp).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      assertThat(TimestampText.epochSeconds(micros)).isEqualTo(keenTimestamp);
    }
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<List<String>> optionKeyOrders(List<JsonNode> records) {
    Set<List<String>> orders = new HashSet<>();
    for (JsonNode record : records) {
      for (JsonNode question : record.get("sequences").get("questions")) {
        question.get("options").forEach(option -> orders.add(keys(option)));
      }
    }
    return orders;
  }

  /** Node types by key path, arrays flattened: "sequences.questions.options.at" -> {STRING}. */
  private static Map<String, Set<JsonNodeType>> types(List<JsonNode> records) {
    Map<String, Set<JsonNodeType>> types = new TreeMap<>();
    records.forEach(record -> collectTypes("", record, types));
    return types;
  }

  private static void collectTypes(String path, JsonNode node, Map<String, Set<JsonNodeType>> types) {
    if (node.isArray()) {
      node.forEach(element -> collectTypes(path, element, types));
      return;
    }
    if (!path.isEmpty()) {
      types.computeIfAbsent(path, key -> new TreeSet<>()).add(node.getNodeType());
    }
    node.fields()
        .forEachRemaining(
            e -> collectTypes(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), types));
  }

  private static int count(JsonNode questions, Predicate<JsonNode> predicate) {
    int count = 0;
    for (JsonNode question : questions) {
      count += predicate.test(question) ? 1 : 0;
    }
    return count;
  }

  private static boolean flag(JsonNode question, String field) {
    return question.get(field).booleanValue();
  }

  private static String result(JsonNode question) {
    return question.get("user_result").textValue();
  }
}
