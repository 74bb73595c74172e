package org.republisher;

import org.jspecify.annotations.Nullable;

/**
 * The root of the unchecked exceptions republisher throws.
 *
 * <p>Every failure the library reports is a subtype of this class, so a host can catch them all at
 * one place. Subtypes carry structured fields (the field and value, the article, the line) beside the
 * message, so a host never needs to parse the message.
 */
public class RepublisherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the input
   */
  public RepublisherException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the input
   * @param cause the underlying failure, or {@code null}
   */
  public RepublisherException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
