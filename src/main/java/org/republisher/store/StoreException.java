package org.republisher.store;

import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;

/**
 * The history store could not be opened, migrated, read or written. The message names the store by
 * its location, without credentials.
 */
public class StoreException extends RepublisherException {
  private static final long serialVersionUID = 1L;

  private final String location;

  /**
   * Creates the exception.
   *
   * @param location the store's location, without credentials
   * @param message what failed, in the user's words
   * @param cause the underlying failure, or {@code null}
   */
  public StoreException(String location, String message, @Nullable Throwable cause) {
    super("history store " + location + ": " + message, cause);
    this.location = location;
  }

  /**
   * Returns the store's location, without credentials.
   *
   * @return a file path or a JDBC URL
   */
  public String location() {
    return location;
  }
}
