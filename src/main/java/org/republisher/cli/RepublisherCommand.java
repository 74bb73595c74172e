package org.republisher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: {@code republisher}, which only holds the subcommands {@code run} and {@code serve}. */
@Command(
    name = "republisher",
    mixinStandardHelpOptions = true,
    versionProvider = RepublisherCommand.Version.class,
    description = "Republishes news sources as RSS 2.0, Atom 1.0 and JSON Feed 1.1 files, with"
        + " the credit to each article's publication, remembering every article it has seen.",
    subcommands = HelpCommand.class,
    footer = {"", "Exit status of run: 0 feeds written, 1 nothing written, 2 bad configuration"
        + " or arguments. serve runs until SIGTERM (exit status 143) or SIGINT (130)."})
final class RepublisherCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing the command: run or serve");
  }

  /** The version of the jar, from its manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"republisher " + (version != null ? version : "(development)")};
    }
  }
}
