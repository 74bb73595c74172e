package org.republisher.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code republisher serve}: the rounds of {@code run} on the sources' schedule, every feed and
 * archive page served over HTTP at the path of its URL, until SIGTERM or SIGINT. See {@link
 * Serving}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Refreshes each source when it is due (its interval, or its backoff after failures), and"
          + " serves every feed and archive page over HTTP at the path its URL has under site.url,"
          + " writing them into the output folder too. GET /health answers the last refresh's"
          + " summary as JSON. With websub.hub, changed feeds are announced to the hub.",
      "SIGTERM or SIGINT stops it: the refresh under way finishes, the requests under way are"
          + " answered, the store is closed. The clock is the system's."
    },
    footer = {"", "Exit status: 143 after SIGTERM and 130 after SIGINT (the JVM's, 128 + the"
        + " signal), once stopped cleanly; 1 when it cannot start (the store cannot be opened, the"
        + " address cannot be listened on), 2 bad configuration or arguments."})
final class ServeCommand implements Callable<Integer> {
  /** The longest a stop waits for the refresh under way and the closing, beyond the deadline. */
  static final Duration STOP_WAIT = Duration.ofMinutes(1);

  @Spec CommandSpec spec;

  @Mixin ConfigOption config = new ConfigOption();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port to listen on (default: serve.port of the configuration, else 8080;"
          + " 0 takes a free port).")
  @Nullable Integer port;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port != null && (port < 0 || port > 65535)) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--port': " + port + " is not a port number (0 to 65535)");
    }
    Config cfg;
    Serving serving;
    try {
      cfg = config.read();
      serving = Serving.open(cfg, Clock.systemUTC(), port, out);
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      return 2;
    } catch (RepublisherException e) {
      err.println("republisher: " + e.getMessage());
      return 1;
    }
    Duration wait = cfg.deadline().plus(STOP_WAIT);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  serving.stop();
                  if (!serving.awaitStopped(wait)) {
                    err.println("republisher: not stopped after " + wait.toSeconds() + " s");
                  }
                },
                "republisher-stop"));
    serving.run();
    return 0;
  }
}
