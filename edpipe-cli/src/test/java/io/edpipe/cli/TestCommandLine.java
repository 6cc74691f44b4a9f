package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line's parsing, help and usage errors: nothing here starts Kafka, HDFS or Spark. */
class TestCommandLine {
  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run", "up", "topic", "topic create", "topic describe", "topic list", "publish", "consume", "land", "query",
        "answers", "items", "report", "verify", "status", "maintain", "generate"
      })
  void everyCommandHasHelp(String command) {
    Result result = execute((command + " --help").split(" "));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: edpipe " + command).contains("-h, --help");
  }

  @Test
  void helpShowsDefaults() {
    Result result = execute("land", "--help");

    assertThat(result.out().replaceAll("\\s+", " "))
        .contains("(default: edpipe-home)")
        .contains("(default: assessment-attempts)")
        .contains("(default: the home's Spark cluster if it has one, else local[*])");
  }

  @Test
  void listsTheCommands() {
    Result result = execute("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("run", "up", "topic", "publish", "consume", "land", "query", "answers", "generate");
  }

  @Test
  void rejectsUnknownOptionsWithExitCodeTwo() {
    Result result = execute("land", "--no-such-option");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void rejectsBadValuesBeforeStartingAnything() {
    Result offset = execute("consume", "--home", directory.toString(), "--offset", "soon");
    assertThat(offset.exitCode()).isEqualTo(2);
    assertThat(offset.err()).contains("Invalid value soon for --offset: must be beginning, end or a number");

    Result rows = execute("query", "--home", directory.toString(), "--max-rows", "0", "SELECT 1");
    assertThat(rows.exitCode()).isEqualTo(2);
    assertThat(rows.err()).contains("Invalid value 0 for --max-rows: must be >= 1");

    Result format = execute("answers", "--format", "xml");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("Invalid value for option '--format'");

    Result scoring = execute("items", "--scoring", "fuzzy");
    assertThat(scoring.exitCode()).isEqualTo(2);
    assertThat(scoring.err())
        .contains("Invalid value for option '--scoring': expected one of [DICHOTOMOUS, PARTIAL] (case-insensitive)");

    Result stats = execute("items", "--stats", "exams,students");
    assertThat(stats.exitCode()).isEqualTo(2);
    assertThat(stats.err()).contains("Invalid value for option '--stats'");

    Result records = execute("generate", "--records", "0");
    assertThat(records.exitCode()).isEqualTo(2);
    assertThat(records.err()).contains("Invalid value 0 for records: must be >= 1");

    Result stopAfter = execute("land", "--home", directory.toString(), "--stop-after", "1m");
    assertThat(stopAfter.exitCode()).isEqualTo(2);
    assertThat(stopAfter.err()).contains("--checkpoint and --stop-after need --stream");

    Result trigger = execute("land", "--home", directory.toString(), "--stream", "--trigger", "0s");
    assertThat(trigger.exitCode()).isEqualTo(2);
    assertThat(trigger.err()).contains("Invalid value 0 ms for --trigger: must be more than 0");

    // nothing was started in the home
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void generatesTheTwinToAFile() throws IOException {
    Path out = directory.resolve("twin.jsonl");

    Result result = execute("generate", "--records", "3", "--format", "jsonl", "--out", out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains("generate: 3 records to " + out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"keen_timestamp\":"));
  }

  @Test
  void readsDurations() {
    CommandLine commandLine = Main.newCommandLine();
    commandLine.parseArgs("maintain", "--keep-snapshots", "36h", "--orphans-older-than", "2d");

    MaintainCommand maintain = (MaintainCommand) commandLine.getSubcommands().get("maintain").getCommand();

    assertThat(maintain.keepSnapshots).isEqualTo(java.time.Duration.ofHours(36));
    assertThat(maintain.orphanAge).isEqualTo(java.time.Duration.ofDays(2));
  }

  @Test
  void readsPlainPathsAsFileUris() {
    CommandLine commandLine = Main.newCommandLine();
    commandLine.parseArgs("land", "--warehouse", "relative/lake");

    StackOptions options = ((LandCommand) commandLine.getSubcommands().get("land").getCommand()).stack;

    assertThat(options.warehouse.getScheme()).isEqualTo("file");
    assertThat(options.warehouse.getPath()).endsWith("/relative/lake");
  }

  private static Result execute(String... args) {
    CommandLine commandLine = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}
}
