package io.edpipe.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestCompactJson {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\":1}|{\"a\":1}",
        "` { \"a\" :\t1 ,\r\n \"b\" : [ 1 , 2 ] } `|{\"a\":1,\"b\":[1,2]}",
        "{\"a b\" : \" x  y \"}|{\"a b\":\" x  y \"}",
        "{\"a\" : \"q\\\" \\\\\" , \"b\" : 2}|{\"a\":\"q\\\" \\\\\",\"b\":2}",
        "{\"a\":\"\\\\\" , \"b\" : \" \"}|{\"a\":\"\\\\\",\"b\":\" \"}",
      })
  void dropsOnlyWhitespaceBetweenTokens(String json, String compact) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertThat(new String(CompactJson.strip(bytes, 0, bytes.length), StandardCharsets.UTF_8)).isEqualTo(compact);
  }
}
