package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Captures what the tests' SLF4J binding (slf4j-simple, which writes to the standard error stream
 * it finds at each call) logs, from every thread, until closed.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  /** Starts capturing. */
  public LogCapture() {
    System.setErr(new PrintStream(captured, true, UTF_8));
  }

  /** Returns the lines logged so far. */
  public List<String> lines() {
    return captured.toString(UTF_8).lines().toList();
  }

  /** Returns the WARN lines logged so far (stack traces and other levels left out). */
  public List<String> warnings() {
    return lines().stream().filter(line -> line.contains(" WARN ")).toList();
  }

  /** Stops capturing and passes what was captured on to the real standard error stream. */
  @Override
  public void close() {
    System.setErr(original);
    original.print(captured.toString(UTF_8));
  }
}
