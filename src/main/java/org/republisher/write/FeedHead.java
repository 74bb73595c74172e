package org.republisher.write;

import java.net.URI;
import java.time.Instant;
import org.republisher.model.FeedSpec;

/** What a format writer writes before the entries: the spec, this file's URL, the last change. */
record FeedHead(FeedSpec spec, URI selfUrl, Instant updated) {
  static final String GENERATOR = "republisher";
  static final String GENERATOR_URI = "https://github.com/republisher/republisher";
}
