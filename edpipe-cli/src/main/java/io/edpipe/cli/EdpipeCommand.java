package io.edpipe.cli;

import picocli.CommandLine.Command;

@Command(
    name = "edpipe",
    mixinStandardHelpOptions = true,
    version = "edpipe 0.1.0",
    description = {
      "Assessment attempts from JSON to Kafka, landed by Spark as Iceberg tables on HDFS, queried with Spark SQL.",
      "Start with: edpipe run"
    },
    subcommands = {
      RunCommand.class,
      UpCommand.class,
      TopicCommand.class,
      PublishCommand.class,
      ConsumeCommand.class,
      LandCommand.class,
      QueryCommand.class,
      AnswersCommand.class,
      ItemsCommand.class,
      ReportCommand.class,
      VerifyCommand.class,
      StatusCommand.class,
      MaintainCommand.class,
      GenerateCommand.class,
      ServeCommand.class,
      TokenCommand.class,
      SqlCommand.class,
    })
final class EdpipeCommand {}
