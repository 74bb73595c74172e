package org.republisher.write;

/** The feed formats republisher writes. */
public enum FeedFormat {
  /** RSS 2.0, with the Atom, content, Dublin Core and Media RSS namespaces where they are used. */
  RSS("application/rss+xml", "rss.xml"),
  /** Atom 1.0, RFC 4287. */
  ATOM("application/atom+xml", "atom.xml"),
  /** JSON Feed 1.1. */
  JSON_FEED("application/feed+json", "feed.json");

  /** The formats in the order they are written when several are. */
  static final java.util.List<FeedFormat> ORDER = java.util.List.of(values());

  private final String mediaType;
  private final String fileName;

  FeedFormat(String mediaType, String fileName) {
    this.mediaType = mediaType;
    this.fileName = fileName;
  }

  /**
   * Returns the media type to serve this format with, without parameters.
   *
   * @return such as {@code application/rss+xml}
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Returns the conventional file name suffix for this format.
   *
   * @return {@code rss.xml}, {@code atom.xml} or {@code feed.json}
   */
  public String fileName() {
    return fileName;
  }
}
