package io.edpipe.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAttemptKeys {
  @Test
  void prefersKeenId() {
    assertThat(AttemptKeys.keyOf("{\"user_exam_id\":\"u1\",\"x\":1,\"keen_id\":\"k1\"}")).contains("k1");
  }

  @Test
  void fallsBackToUserExamId() {
    assertThat(AttemptKeys.keyOf("{\"a\":\"b\",\"user_exam_id\":\"u1\"}")).contains("u1");
    assertThat(AttemptKeys.keyOf("{\"keen_id\":null,\"user_exam_id\":\"u1\"}")).contains("u1");
  }

  @Test
  void hasNoKeyWithoutEitherField() {
    assertThat(AttemptKeys.keyOf("{\"a\":\"b\"}")).isEqualTo(Optional.empty());
    assertThat(AttemptKeys.keyOf("{}")).isEmpty();
  }

  @Test
  void looksAtTopLevelFieldsOnly() {
    String nested = "{\"sequences\":{\"keen_id\":\"inner\",\"list\":[{\"user_exam_id\":\"inner\"}]},\"keen_id\":\"outer\"}";

    assertThat(AttemptKeys.keyOf(nested)).contains("outer");
    assertThat(AttemptKeys.keyOf("{\"sequences\":{\"keen_id\":\"inner\"}}")).isEmpty();
    assertThat(AttemptKeys.keyOf("{\"keen_id\":{\"id\":\"x\"},\"user_exam_id\":\"u\"}")).contains("u");
  }

  @Test
  void readersFindTheKeyInTheirCheckingPass() {
    String first = "{\"sequences\":{\"keen_id\":\"inner\"},\"user_exam_id\":\"u1\",\"keen_id\":\"k1\"}";
    String second = "{\"keen_id\":null,\"user_exam_id\":\"u2\"}";
    String third = "{\"a\":[1,{\"keen_id\":\"inner\"}]}";

    String lines = first + "\n" + second + "\n" + third;
    String array = "[" + first + ",\n " + second + ", " + third + "]";
    for (String input : new String[] {lines, array}) {
      assertThat(ReaderFixtures.elements(ReaderFixtures.readAll(input)))
          .as(input)
          .map(InputElement::key)
          .containsExactly(Optional.of("k1"), Optional.of("u2"), Optional.empty());
    }
  }

  @Test
  void keepsNonStringScalarsAsText() {
    assertThat(AttemptKeys.keyOf("{\"keen_id\":12345}")).contains("12345");
  }

  @Test
  void findsTheKeysOfTheRealSample() {
    assertThat(ReaderFixtures.sampleLines())
        .map(line -> AttemptKeys.keyOf(line).orElseThrow())
        .hasSize(10)
        .doesNotHaveDuplicates()
        .allMatch(key -> key.matches("[0-9a-f]{24}"));
  }

  @Test
  void refusesWhatIsNotAnObject() {
    assertThatThrownBy(() -> AttemptKeys.keyOf("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find the key: not a JSON object");
    assertThatThrownBy(() -> AttemptKeys.keyOf("{\"keen_id\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot find the key: invalid JSON: Unexpected end-of-input");
  }
}
