package io.edpipe.cli;

import io.edpipe.cli.stack.StackSession;
import io.edpipe.serve.CustomerServer;
import io.edpipe.serve.TokenFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the landed tables to customers' data scientists over Spark Connect (pyspark, Scala, Java, edpipe sql):"
          + " each client connects with a token of the tokens file, and sees the tables (attempts, questions,"
          + " options, duplicates, quarantine, exam_stats, item_stats, option_stats) holding only its customer's"
          + " rows. Enforced on the server, in every request and query plan. Ctrl-C stops it.",
      "Tokens: edpipe token --tokens FILE --customer ID makes one. Clients connect to"
          + " sc://HOST:PORT/;token=TOKEN;user_id=CUSTOMER. The server listens on 127.0.0.1 unless --host says"
          + " otherwise; put TLS in front of it for other machines (see the README)."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Spec CommandSpec spec;

  @Option(names = "--tokens", paramLabel = "FILE", required = true,
      description = "The tokens file: lines 'sha256:<hex> <customer> [label]'; read again when it changes.")
  Path tokens;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "15002",
      description = "The port (default: ${DEFAULT-VALUE}, Spark Connect's; 0 for any free port).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    TokenFile file = TokenFile.load(tokens); // a bad file fails before anything starts
    try (StackSession session = StackSession.open(stack.settings(), EnumSet.of(StackSession.Need.LAKE))) {
      SparkSession spark = session.spark("edpipe-serve", CustomerServer.sparkSettings(host, port));
      CountDownLatch stopped = new CountDownLatch(1);
      try (CustomerServer server = CustomerServer.start(spark, tokens)) {
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "edpipe-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "edpipe serve: Spark Connect on sc://%s:%d for %d customer%s (%d token%s in %s); Ctrl-C stops it%n",
            host.equals("127.0.0.1") ? "localhost" : host, server.port(), file.customers(),
            file.customers() == 1 ? "" : "s", file.size(), file.size() == 1 ? "" : "s", tokens);
        out.flush();
        stopped.await();
      }
    }
    return 0;
  }
}
