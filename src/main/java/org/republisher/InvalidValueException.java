package org.republisher;

import org.jspecify.annotations.Nullable;
import org.republisher.internal.Text;

/**
 * Thrown when a value is rejected: a blank title, a relative or {@code javascript:} link, an
 * unparseable date or attribution line.
 *
 * <p>The message names the field and quotes the value (control characters escaped, shortened to
 * 200 characters); the same facts are available from {@link #field()} and {@link #value()}.
 */
public class InvalidValueException extends RepublisherException {
  private static final long serialVersionUID = 1L;
  private static final int QUOTE_LIMIT = 200;

  private final String field;
  private final @Nullable String value;

  /**
   * Creates an exception for a rejected value.
   *
   * @param field the name of the field, as in the records format ({@code "title"}, {@code "link"})
   * @param value the rejected value, or {@code null} when it was missing
   * @param reason why it was rejected, completing "field ... "
   */
  public InvalidValueException(String field, @Nullable Object value, String reason) {
    this(field, value, reason, null);
  }

  /**
   * Creates an exception for a rejected value, with the failure that revealed it.
   *
   * @param field the name of the field
   * @param value the rejected value, or {@code null} when it was missing
   * @param reason why it was rejected
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidValueException(
      String field, @Nullable Object value, String reason, @Nullable Throwable cause) {
    super(describe(field, value, reason), cause);
    this.field = field;
    this.value = value == null ? null : value.toString();
  }

  /**
   * Wraps a rejected value with where it was found: the message is the prefix, a colon and the
   * cause's message; the field and value are the cause's.
   *
   * @param prefix where the value was found, such as {@code article "a-1"}
   * @param cause the rejected value
   */
  protected InvalidValueException(String prefix, InvalidValueException cause) {
    super(prefix + ": " + cause.getMessage(), cause);
    this.field = cause.field;
    this.value = cause.value;
  }

  /**
   * Returns the name of the rejected field.
   *
   * @return the field name, as in the records format
   */
  public String field() {
    return field;
  }

  /**
   * Returns the rejected value.
   *
   * @return the value as text, or {@code null} when it was missing
   */
  public @Nullable String value() {
    return value;
  }

  static String describe(String field, @Nullable Object value, String reason) {
    if (value == null) {
      return field + " " + reason;
    }
    return field + " " + reason + ": \"" + Text.forLog(value, QUOTE_LIMIT) + "\"";
  }
}
