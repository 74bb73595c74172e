package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;

/**
 * One rendered feed document, ready to be written to a file or served: a current feed or an archive
 * page, in one format. Immutable and thread-safe.
 *
 * @param url where it is served (its {@code rel="self"} link), absolute http(s)
 * @param format its format, which gives its media type
 * @param bytes its bytes, UTF-8; the accessor returns a copy (see {@link #size()} and {@link
 *     #writeTo(java.io.OutputStream)} to avoid one)
 * @param updated the feed's last change, to the second (the HTTP {@code Last-Modified})
 */
public record FeedFile(URI url, FeedFormat format, byte[] bytes, Instant updated) {

  /** Checks the fields and copies the bytes. */
  public FeedFile {
    notNull(url, "url");
    notNull(format, "format");
    notNull(updated, "updated");
    bytes = notNull(bytes, "bytes").clone();
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the number of bytes.
   *
   * @return the size
   */
  public int size() {
    return bytes.length;
  }

  /**
   * Writes the bytes to a stream.
   *
   * @param out the stream; not flushed, not closed
   * @throws java.io.IOException when the stream fails
   */
  public void writeTo(java.io.OutputStream out) throws java.io.IOException {
    out.write(bytes);
  }

  /**
   * Returns true for a file with the same URL, format, bytes and date.
   *
   * @param o another object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeedFile f
        && url.equals(f.url)
        && format == f.format
        && updated.equals(f.updated)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return (url.hashCode() * 31 + format.hashCode()) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "FeedFile[" + url + ", " + format + ", " + bytes.length + " bytes, " + updated + "]";
  }
}
