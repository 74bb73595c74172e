package org.republisher;

import org.jspecify.annotations.Nullable;
import org.republisher.internal.Text;

/**
 * The root of the unchecked exceptions republisher throws.
 *
 * <p>Every failure the library reports is a subtype of this class, so a host can catch them all at
 * one place. Messages are one line, safe to log: control characters in them (from upstream
 * values) are escaped, and they are cut after 2,000 characters. Subtypes carry structured fields (the field and value, the article, the line) beside the
 * message, so a host never needs to parse the message.
 */
public class RepublisherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest message kept, in characters: messages quote upstream values, and are logged. */
  private static final int MESSAGE_LIMIT = 2000;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the input
   */
  public RepublisherException(String message) {
    super(Text.forLog(message, MESSAGE_LIMIT));
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the input
   * @param cause the underlying failure, or {@code null}
   */
  public RepublisherException(String message, @Nullable Throwable cause) {
    super(Text.forLog(message, MESSAGE_LIMIT), cause);
  }
}
