package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A child process the bench runs.
 *
 * @param step what it does, for a person ("land with edpipe, local[2]"); names its log files
 * @param environment variables set on top of the bench's own
 */
public record ChildCommand(String step, List<String> command, Map<String, String> environment) {
  public ChildCommand {
    requireNonNull(step, "step is null");
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command is empty");
    }
  }

  public ChildCommand(String step, List<String> command) {
    this(step, command, Map.of());
  }
}
