package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Reported when one page of a {@link PageSource} cannot become an article: it cannot be read, it is
 * too large, or it has no attribution line, title or link. The message names the source and the
 * page, such as {@code source revue (file:///…/ticker-only.html): attribution not found: …}; the
 * same facts are available from {@link #sourceId()}, {@link #uri()}, {@link #kind()} and {@link
 * #httpStatus()}.
 *
 * <p>In a crawl, a failing page is logged at WARN, given to the source's problem consumer and
 * skipped: the other pages are read. When the page the source is configured with fails, {@link
 * PageSource#fetch()} throws this exception.
 */
public class PageFailureException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** Why a page is not an article. */
  public enum Kind {
    /**
     * The page could not be read: missing file, I/O error, HTTP error or a body that is not HTML.
     */
    UNREADABLE("page not readable"),
    /** The page is larger than the source's size limit; it is not parsed at all. */
    TOO_LARGE("page too large"),
    /** No attribution line ("Publié dans 2M le 04 - 06 - 2020") was found on the page. */
    ATTRIBUTION_NOT_FOUND("attribution not found"),
    /** The profile's title selector found no headline. */
    TITLE_NOT_FOUND("title not found"),
    /**
     * The article would have no http(s) link: the page has no public URL and no usable source link
     * (a {@code javascript:} link is not one).
     */
    NO_LINK("no link"),
    /** The values read from the page do not make a valid article. */
    INVALID_ARTICLE("invalid article"),
    /**
     * The page, or where it redirected, is a destination the source may not reach: an address that
     * is not public, or off the crawl's site. The cause is a {@link DestinationRefusedException}
     * naming the target refused.
     */
    REFUSED("destination refused"),
    /**
     * The crawl's time was spent before the page could be read; the articles of the pages read are
     * returned all the same.
     */
    NOT_READ("page not read");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /**
     * Returns the start of the messages of this kind, such as {@code attribution not found}.
     *
     * @return a short lower-case description
     */
    public String description() {
      return description;
    }
  }

  private final Kind kind;
  private final String reason;

  /**
   * Creates an exception for a page.
   *
   * @param sourceId the id of the source reading the page
   * @param page the page's URI
   * @param kind why the page failed
   * @param httpStatus the HTTP status of the page, or {@code -1}
   * @param detail what was wrong, completing the kind's description
   * @param cause the underlying failure, or {@code null}
   */
  public PageFailureException(
      String sourceId,
      URI page,
      Kind kind,
      int httpStatus,
      String detail,
      @Nullable Throwable cause) {
    super(
        sourceId,
        requireNonNull(page, "page"),
        httpStatus,
        requireNonNull(kind, "kind").description() + ": " + detail,
        cause);
    this.kind = kind;
    this.reason = kind.description() + ": " + detail;
  }

  /**
   * Returns the page that failed.
   *
   * @return the page's URI, as the source read it
   */
  @Override
  public URI uri() {
    return requireNonNull(super.uri(), "uri");
  }

  /**
   * Returns why the page failed, without the source and page the message starts with.
   *
   * @return such as {@code attribution not found: no line such as …}
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns why the page failed.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }
}
