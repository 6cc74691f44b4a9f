package io.edpipe.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestResultWriter {
  private static final List<ResultTable> ANSWERS =
      List.of(
          ResultTable.scalar("messages", "Messages landed", "attempts + duplicates", 3280L),
          new ResultTable(
              "by_exam",
              "Attempts by exam",
              null,
              List.of("exam_name", "attempts"),
              List.of(List.of("Learning Git", 390L), Arrays.asList("Say \"hi\", world", null))),
          ResultTable.scalar("first", "First start", null, Instant.parse("2017-11-21T00:42:00Z")));

  @Test
  void printsAlignedTextForPeople() {
    assertThat(write(OutputFormat.TABLE))
        .isEqualTo(
            """
            Messages landed: 3280
                (attempts + duplicates)
            Attempts by exam
              exam_name        attempts
              ---------------  --------
              Learning Git          390
              Say "hi", world      null
            
            First start: 2017-11-21T00:42:00Z
            """);
  }

  @Test
  void printsJsonKeyedByTableId() {
    assertThat(write(OutputFormat.JSON).replaceAll("\\s+", ""))
        .isEqualTo(
            "{\"messages\":3280,\"by_exam\":[{\"exam_name\":\"LearningGit\",\"attempts\":390},"
                + "{\"exam_name\":\"Say\\\"hi\\\",world\",\"attempts\":null}],\"first\":\"2017-11-21T00:42:00Z\"}");
  }

  @Test
  void printsLongCsvForManyTablesAndPlainCsvForOne() {
    assertThat(write(OutputFormat.CSV))
        .startsWith("table,row,column,value\nmessages,1,value,3280\nby_exam,1,exam_name,Learning Git\n")
        .contains("by_exam,2,exam_name,\"Say \"\"hi\"\", world\"\n");
    StringWriter out = new StringWriter();
    new ResultWriter(OutputFormat.CSV).write(List.of(ANSWERS.get(1)), new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("exam_name,attempts\nLearning Git,390\n\"Say \"\"hi\"\", world\",null\n");
  }

  @Test
  void rejectsRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new ResultTable("t", "T", null, List.of("a", "b"), List.of(List.of(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build table t: row [1] has 1 values for 2 columns");
  }

  private static String write(OutputFormat format) {
    StringWriter out = new StringWriter();
    new ResultWriter(format).write(ANSWERS, new PrintWriter(out));
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
