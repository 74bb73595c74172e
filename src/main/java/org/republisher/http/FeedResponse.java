package org.republisher.http;

import static org.republisher.internal.Checks.notNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.republisher.InvalidValueException;

/**
 * An HTTP response from a {@link FeedResponder}: the status, the header fields to send, and the
 * body. Immutable and thread-safe; a responder hands out the same instance to every request for the
 * same representation, so nothing is made per request.
 *
 * <p>To send it, set the status, set every header field as given ({@code Content-Length} included;
 * a response to {@code HEAD} gives the length of the body a {@code GET} would get, and has no body
 * itself), and write the body with {@link #writeTo(OutputStream)}, which copies nothing.
 *
 * @param status the status code; a responder gives 200, 304, 404, 405 or 412
 * @param headers the header fields, in the order to send them; names as HTTP writes them ({@code
 *     ETag}, {@code Content-Type}); the accessor returns an unmodifiable map
 * @param body the body, empty for {@code HEAD} and 304; the accessor returns a copy (see {@link
 *     #writeTo(OutputStream)} and {@link #bodyLength()} to avoid one)
 */
public record FeedResponse(int status, Map<String, String> headers, byte[] body) {

  /**
   * Checks the fields and copies the headers and the body.
   *
   * @throws InvalidValueException when the status is not between 100 and 599
   */
  public FeedResponse {
    if (status < 100 || status > 599) {
      throw new InvalidValueException("status", status, "is not an HTTP status code");
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(notNull(headers, "headers")));
    body = notNull(body, "body").clone();
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body's bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the number of bytes of the body.
   *
   * @return the length, 0 for {@code HEAD} and 304
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Writes the body to a stream.
   *
   * @param out the stream; not flushed, not closed
   * @throws IOException when the stream fails
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(body);
  }

  /**
   * Returns true for a response with the same status, header fields and body.
   *
   * @param o another object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeedResponse r
        && status == r.status
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "FeedResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }
}
