package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestTaggedLine {
  @Test
  void formatsAndParsesAChildsLine() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("messages", 20000L);
    values.put("seconds", 12.5);
    values.put("same", true);
    String line = TaggedLine.format("PLAN", "best", values);

    assertThat(line).isEqualTo("PLAN best messages=20000 seconds=12.500000 same=true");
    TaggedLine parsed = TaggedLine.parse("PLAN", line).orElseThrow();
    assertThat(parsed.name()).isEqualTo("best");
    assertThat(parsed.longValue("messages")).isEqualTo(20000L);
    assertThat(parsed.doubleValue("seconds")).isEqualTo(12.5);
    assertThat(parsed.text("same")).isEqualTo("true");
  }

  @Test
  void findsTheLinesOfATagAmongOthers() {
    List<String> lines =
        List.of("12:00:01 WARN Something: noise", "TABLE attempts files=2 bytes=10 rows=3", "TABLEAU x=1", "TABLE options files=1 bytes=5 rows=9");

    assertThat(TaggedLine.all("TABLE", lines)).extracting(TaggedLine::name).containsExactly("attempts", "options");
    assertThat(TaggedLine.parse("TABLE", "TABLE attempts files")).isEmpty();
    assertThat(TaggedLine.parse("TABLE", "TABLE")).isEmpty();
  }

  @Test
  void namesWhatIsMissingOrWrong() {
    TaggedLine line = TaggedLine.parse("PLAN", "PLAN naive messages=ten").orElseThrow();

    assertThatThrownBy(() -> line.text("bytes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read bytes from the PLAN line of naive: missing");
    assertThatThrownBy(() -> line.longValue("messages"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read messages from the PLAN line of naive: ten");
  }

  @Test
  void refusesValuesWithSpaces() {
    assertThatThrownBy(() -> TaggedLine.format("QUESTION", "q", Map.of("note", "two words")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot format note=two words: keys and values hold no spaces");
  }
}
