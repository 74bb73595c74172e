package org.republisher.internal;

import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;

/** Argument checks that fail in the user's words: "title must not be null". */
public final class Checks {
  private Checks() {}

  /**
   * Returns the value, or fails when it is {@code null}.
   *
   * @param value the value
   * @param name its name as the caller knows it: the parameter, field or builder method
   * @return the value
   * @throws InvalidValueException "{@code name} must not be null"
   */
  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidValueException(name, null, "must not be null");
    }
    return value;
  }
}
