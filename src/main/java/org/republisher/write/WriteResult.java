package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.util.List;
import org.republisher.InvalidArticleException;

/**
 * What a write did: how many articles it wrote, and which it rejected and why. Immutable.
 *
 * @param written the number of articles written into each format
 * @param rejected the articles left out, each naming the article and the field; in input order
 */
public record WriteResult(int written, List<InvalidArticleException> rejected) {

  /** Checks and copies the fields. */
  public WriteResult {
    notNull(rejected, "rejected");
    rejected = List.copyOf(rejected);
  }
}
