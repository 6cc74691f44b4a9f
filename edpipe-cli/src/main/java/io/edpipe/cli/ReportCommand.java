package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.items.Scoring;
import io.edpipe.core.table.ResultTable;
import io.edpipe.report.HtmlReport;
import io.edpipe.report.Report;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.LakeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one self-contained HTML report (charts inlined; opens offline): the pipeline summary, the business"
          + " questions, charts, data-quality findings and per-exam item analysis.",
      "Example: edpipe report --out report.html"
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin TopicOption topic;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: HOME/report.html).")
  Path out;

  @Option(names = "--exam", paramLabel = "NAME", defaultValue = BusinessQuestions.DEFAULT_EXAM,
      description = "The exam whose attempts the business questions count (default: ${DEFAULT-VALUE}).")
  String exam;

  @Option(names = "--scoring", paramLabel = "SCORING", defaultValue = "dichotomous",
      description = "Scoring of the item analysis: dichotomous or partial (default: ${DEFAULT-VALUE}).")
  Scoring scoring;

  @Override
  public Integer call() {
    Path file = out != null ? out : stack.settings().home().directory().resolve("report.html");
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      write(session, topic.topic(), exam, scoring, null, file, spec.commandLine().getOut());
    }
    return 0;
  }

  /**
   * Builds the report from the lake and writes it, then says where and how big it is.
   *
   * @param answers the business questions answered already, or null to answer them
   */
  static void write(
      StackSession session, String topic, String exam, Scoring scoring, List<ResultTable> answers, Path file,
      PrintWriter out) {
    long started = System.nanoTime();
    String source = "lake " + session.warehouse() + ", topic " + topic;
    LakeReport lakeReport = new LakeReport(session.spark("edpipe-report"), new LakeReport.Settings(exam, scoring, source));
    Report report = answers == null ? lakeReport.build() : lakeReport.build(answers);
    HtmlReport.write(report, file);
    out.printf(
        "report: %s (%d KB) in %.1f s%n",
        file.toAbsolutePath(),
        size(file) / 1024,
        (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + file, e);
    }
  }
}
