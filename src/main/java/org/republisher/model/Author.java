package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;

/**
 * A person or an agency credited as author of an article or a feed ("MAP", "Nasser Bourita").
 * Immutable and thread-safe.
 *
 * @param name the name; not blank
 * @param email an email address, or {@code null}
 * @param url a page about the author, absolute http(s), or {@code null}
 */
public record Author(String name, @Nullable String email, @Nullable URI url) {

  /**
   * Checks every field.
   *
   * @throws InvalidValueException when the name is blank, the email has no {@code @}, or the URL is
   *     not absolute http(s)
   */
  public Author {
    notNull(name, "name");
    if (name.isBlank()) {
      throw new InvalidValueException("author.name", name, "is blank");
    }
    if (email != null && (email.indexOf('@') < 1 || email.strip().length() != email.length())) {
      throw new InvalidValueException("author.email", email, "is not an email address");
    }
    if (url != null) {
      url = Urls.absolute("author.url", url.toString());
    }
  }

  /**
   * Returns an author known by name only.
   *
   * @param name the name; not blank
   * @return the author
   * @throws InvalidValueException when the name is blank
   */
  public static Author of(String name) {
    return new Author(name, null, null);
  }
}
