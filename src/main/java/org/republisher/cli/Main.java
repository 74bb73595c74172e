package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point of the {@code republisher} command, the Main-Class of {@code
 * republisher-cli.jar}:
 *
 * <pre>
 * java -jar republisher-cli.jar run [--config FILE] [--now INSTANT]
 * java -jar republisher-cli.jar serve [--config FILE] [--port N]
 * </pre>
 *
 * <p>Progress and the summary go to standard output, UTF-8; errors and log lines (SLF4J's simple
 * binding, level WARN unless {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} says otherwise) to
 * standard error. Exit status of {@code run}: 0 when the feeds are written (failed sources are
 * reported, not fatal), 1 when nothing could be written (the store or the output folder cannot be
 * written, or every source failed, which leaves the last feeds as they were), 2 on a bad
 * configuration or bad arguments. {@code serve} runs until SIGTERM or SIGINT, then exits with the
 * JVM's status for the signal (143, 130) once stopped cleanly; 1 when it cannot start, 2 on a bad
 * configuration or bad arguments.
 */
public final class Main {
  private static final String LOG = "org.slf4j.simpleLogger.";

  private Main() {}

  /**
   * Runs the command and exits the JVM with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    logDefaults();
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the process's environment; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** Runs the command with an environment; returns the exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, UTF_8), true);
    CommandLine command =
        new CommandLine(new RepublisherCommand())
            .addSubcommand(new RunCommand(env))
            .addSubcommand(new ServeCommand())
            .setOut(o)
            .setErr(e);
    try {
      return command.execute(args);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** Sets SLF4J simple's defaults for a command, unless given on the command line. */
  private static void logDefaults() {
    setIfAbsent("defaultLogLevel", "warn");
    setIfAbsent("logFile", "System.err");
    setIfAbsent("showThreadName", "false");
    setIfAbsent("showShortLogName", "true");
    setIfAbsent("levelInBrackets", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(LOG + key) == null) {
      System.setProperty(LOG + key, value);
    }
  }
}
