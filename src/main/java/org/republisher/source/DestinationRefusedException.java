package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a fetch is refused a destination, the guard against server-side request forgery: the
 * target resolves to an address that is not public (loopback, private, link-local…) and neither the
 * configured URL nor the allowlist lets it be reached, or a crawl's redirect leaves the site of its
 * configured page. Nothing is sent to a refused destination.
 *
 * <p>The message names the configured source and its URL first, then the refused target and why,
 * such as {@code source 2m (https://www.2m.ma/fr/rss.xml): HTTP 302: refused to connect to
 * http://127.0.0.1:6379/: it resolves to 127.0.0.1, a loopback address (allowPrivate allows it)}.
 */
public class DestinationRefusedException extends SourceException {
  private static final long serialVersionUID = 1L;

  private final URI target;

  /**
   * Creates an exception.
   *
   * @param sourceId the source's id
   * @param uri the URI the source was configured with (for a page of a crawl, that page)
   * @param httpStatus the status of the redirect that led to the target, or {@code -1}
   * @param target the URI refused
   * @param message what was refused and why
   * @param cause the underlying failure, or {@code null}
   */
  public DestinationRefusedException(
      String sourceId,
      URI uri,
      int httpStatus,
      URI target,
      String message,
      @Nullable Throwable cause) {
    super(sourceId, requireNonNull(uri, "uri"), httpStatus, message, cause);
    this.target = requireNonNull(target, "target");
  }

  /**
   * Returns the URI that was refused: the configured one itself, or where a redirect led.
   *
   * @return the target
   */
  public URI target() {
    return target;
  }
}
