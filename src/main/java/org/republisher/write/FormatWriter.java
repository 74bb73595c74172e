package org.republisher.write;

import java.io.IOException;
import org.republisher.internal.NormalizedArticle;

/** Streams one feed in one format: the head, then entries one by one, then the end. */
interface FormatWriter {

  void head(FeedHead head) throws IOException;

  void entry(NormalizedArticle article) throws IOException;

  /** Ends the document and flushes; does not close the caller's stream. */
  void finish() throws IOException;
}
