package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.spark.BusinessQuestions;
import io.edpipe.spark.IcebergLander;
import io.edpipe.core.table.ResultTable;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "answers",
    mixinStandardHelpOptions = true,
    description = "Answers the standard business questions from the landed tables.")
final class AnswersCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(
      names = "--exam",
      paramLabel = "NAME",
      defaultValue = BusinessQuestions.DEFAULT_EXAM,
      description = "The exam whose attempts are counted (default: ${DEFAULT-VALUE}).")
  String exam;

  @Override
  public Integer call() {
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      print(session.spark("edpipe-answers"), exam, new ResultWriter(format.format()), spec);
    }
    return 0;
  }

  /** Prints the answers, and returns them. */
  static List<ResultTable> print(SparkSession spark, String exam, ResultWriter writer, CommandSpec spec) {
    IcebergLander.createTables(spark);
    List<ResultTable> answers = new BusinessQuestions(spark).answers(exam);
    writer.write(answers, spec.commandLine().getOut());
    return answers;
  }
}
