package org.republisher.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option of every command that reads a configuration (a picocli mixin). */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = ConfigReader.DEFAULT_FILE,
      description = "The configuration, YAML (default: ${DEFAULT-VALUE} in the working folder).")
  Path file = Path.of(ConfigReader.DEFAULT_FILE);

  /**
   * Reads the configuration.
   *
   * @return the configuration
   * @throws ConfigException listing its problems
   */
  Config read() {
    return ConfigReader.read(file);
  }
}
