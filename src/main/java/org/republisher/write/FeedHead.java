package org.republisher.write;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.republisher.model.FeedSpec;

/**
 * What a format writer writes before the entries: the spec, this file's URL, the last change, and
 * its place among the documents of an archived feed.
 */
record FeedHead(FeedSpec spec, URI selfUrl, Instant updated, Paging paging) {
  static final String GENERATOR = "republisher";
  static final String GENERATOR_URI = "https://github.com/republisher/republisher";
  static final String HISTORY = "http://purl.org/syndication/history/1.0";

  FeedHead(FeedSpec spec, URI selfUrl, Instant updated) {
    this(spec, selfUrl, updated, Paging.NONE);
  }

  /**
   * The RFC 5005 links of one document of an archived feed, in its format.
   *
   * @param archive true for an archive page ({@code fh:archive})
   * @param current the current document, on archive pages; else {@code null}
   * @param prevArchive the next older archive page, or {@code null}
   * @param nextArchive the next newer archive page, or {@code null}
   */
  record Paging(
      boolean archive,
      @Nullable URI current,
      @Nullable URI prevArchive,
      @Nullable URI nextArchive) {
    static final Paging NONE = new Paging(false, null, null, null);
  }
}
