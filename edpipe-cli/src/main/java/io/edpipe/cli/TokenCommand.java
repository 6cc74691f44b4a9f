package io.edpipe.cli;

import io.edpipe.serve.TokenFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a token for a customer of edpipe serve: appends its SHA-256 to the tokens file and prints the token,"
          + " once (it is not stored). To revoke it, delete its line: a running server reads the file again."
    })
final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tokens", paramLabel = "FILE", required = true, description = "The tokens file (created if missing).")
  Path tokens;

  @Option(names = "--customer", paramLabel = "ID", required = true, description = "The customer the token is for.")
  String customer;

  @Option(names = "--label", paramLabel = "TEXT", description = "Who or what holds it, kept next to the hash.")
  String label;

  @Override
  public Integer call() {
    String token = TokenFile.add(tokens, customer, label);
    spec.commandLine().getOut().println(token);
    spec.commandLine().getErr().printf("token: for customer %s, its hash appended to %s%n", customer, tokens);
    return 0;
  }
}
