package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.io.OutputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Urls;

/**
 * One format of a feed being written: the format, the stream it goes to, and the URL it is served
 * at (its {@code rel="self"} link).
 *
 * @param format the format
 * @param stream where the bytes go; flushed, never closed by the writer
 * @param selfUrl where this file is served, absolute http(s); {@code null} for the spec's self URL
 */
public record FeedOutput(FeedFormat format, OutputStream stream, @Nullable URI selfUrl) {

  /** Checks the fields. */
  public FeedOutput {
    notNull(format, "format");
    notNull(stream, "stream");
    if (selfUrl != null) {
      selfUrl = Urls.absolute("selfUrl", selfUrl.toString());
    }
  }

  /**
   * Returns an output served at the spec's self URL.
   *
   * @param format the format
   * @param stream where the bytes go
   * @return the output
   */
  public static FeedOutput of(FeedFormat format, OutputStream stream) {
    return new FeedOutput(format, stream, null);
  }

  /**
   * Returns an output served at its own URL.
   *
   * @param format the format
   * @param stream where the bytes go
   * @param selfUrl where this file is served, absolute http(s)
   * @return the output
   */
  public static FeedOutput of(FeedFormat format, OutputStream stream, String selfUrl) {
    return new FeedOutput(format, stream, Urls.absolute("selfUrl", selfUrl));
  }
}
