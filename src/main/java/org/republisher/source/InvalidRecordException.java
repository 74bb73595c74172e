package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import org.republisher.InvalidValueException;
import org.republisher.internal.Text;

/**
 * Reported when one line of a records file cannot become an article: it is not valid JSON, a
 * required field is missing, or a value is rejected. The line is skipped; the others are read.
 *
 * <p>The message starts with the place, as compilers do: {@code articles.jsonl:12: published is not
 * an ISO date or date-time: "04/06/2020"}. The same facts are available from {@link #source()},
 * {@link #line()}, {@link #field()} and {@link #value()}.
 */
public class InvalidRecordException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String message;

  /**
   * Places a rejected value at a line of a records file.
   *
   * @param source the name of the records file, such as {@code articles.jsonl}
   * @param line the line number, from 1
   * @param cause the rejected value; its field and value become this exception's
   * @throws IllegalArgumentException when the line number is below 1
   */
  public InvalidRecordException(String source, long line, InvalidValueException cause) {
    super(cause.field(), cause.value(), "is not valid", cause);
    notNull(source, "source");
    if (line < 1) {
      throw new IllegalArgumentException("line is below 1: " + line);
    }
    this.source = source;
    this.line = line;
    this.message = Text.forLog(source) + ":" + line + ": " + cause.getMessage();
  }

  /**
   * Returns the name of the records file.
   *
   * @return the file name, or the name the caller gave a reader
   */
  public String source() {
    return source;
  }

  /**
   * Returns the number of the rejected line.
   *
   * @return the line number, from 1
   */
  public long line() {
    return line;
  }

  /**
   * Returns the place and the reason: {@code source:line: field reason: "value"}.
   *
   * @return the message
   */
  @Override
  public String getMessage() {
    return message;
  }
}
