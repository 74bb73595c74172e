package org.republisher.cli;

import java.util.List;
import org.republisher.RepublisherException;

/**
 * The command's configuration is bad: each problem is one line that names the file, the line, the
 * key path and what is wrong, such as {@code republisher.yaml:12: sources[2].uri: "ht tp://x" is not
 * a URI}. The command exits 2.
 */
final class ConfigException extends RepublisherException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Returns the problems, one line each, in the order of the file. */
  List<String> problems() {
    return problems;
  }
}
