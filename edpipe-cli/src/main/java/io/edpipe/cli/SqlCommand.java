package io.edpipe.cli;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import io.edpipe.core.table.ResultTable;
import io.edpipe.core.table.ResultWriter;
import io.edpipe.serve.ConnectClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a query on an edpipe serve server, as a customer: what beeline is to HiveServer2.",
      "Example: edpipe sql --connect sc://localhost:15002 --token edp.acme.... \"SELECT count(*) FROM attempts\""
    })
final class SqlCommand implements Callable<Integer> {
  @Mixin FormatOption format;
  @Spec CommandSpec spec;

  @Option(names = "--connect", paramLabel = "URL", required = true, description = "The server: sc://HOST:PORT.")
  String connect;

  @Option(names = "--token", paramLabel = "TOKEN", required = true,
      description = "The customer's token (default from the EDPIPE_TOKEN environment variable).",
      defaultValue = "${env:EDPIPE_TOKEN}")
  String token;

  @Option(names = "--user-id", paramLabel = "ID",
      description = "The customer's id (default: the one the token names).")
  String userId;

  @Mixin QueryText query;

  @Override
  public Integer call() {
    int maxRows = query.maxRows();
    ResultTable table;
    try (ConnectClient client = ConnectClient.connect(connect, token, userId)) {
      table = client.sql(query.sql(), maxRows);
    } catch (PipelineException e) {
      throw e;
    } catch (Exception e) { // what the server said, refused or what is wrong with the query; Scala declares none
      throw new PipelineException(ErrorCode.BAD_USAGE, e, "%s", QueryText.firstLine(e.getMessage()));
    }
    new ResultWriter(format.format()).write(List.of(table), spec.commandLine().getOut());
    return 0;
  }
}
