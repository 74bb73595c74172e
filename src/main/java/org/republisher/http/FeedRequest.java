package org.republisher.http;

import static org.republisher.internal.Checks.notNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request, as much of it as a {@link FeedResponder} reads: the method, the path and the
 * request header fields. Immutable and thread-safe.
 *
 * <pre>{@code
 * FeedRequest request = FeedRequest.of(servletRequest.getMethod(), servletRequest.getRequestURI(),
 *     servletRequest::getHeader);
 * }</pre>
 *
 * @param method the request method, case-sensitive as HTTP has it ({@code GET}, {@code HEAD})
 * @param path the path of the request target as sent, percent-encoded; a query or fragment after
 *     it is ignored, and an absolute target ({@code http://host/path}) counts by its path
 * @param headers the header fields by name; names are matched without regard to case (they are
 *     kept in lower case), and the values of a field sent several times are joined by commas
 */
public record FeedRequest(String method, String path, Map<String, String> headers) {

  /**
   * The request header fields a {@link FeedResponder} reads: {@code If-Match}, {@code
   * If-None-Match}, {@code If-Modified-Since}, {@code If-Unmodified-Since} and {@code
   * Accept-Encoding}.
   */
  public static final List<String> HEADERS =
      List.of(
          "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "Accept-Encoding");

  /** Checks the fields and copies the headers, their names in lower case. */
  public FeedRequest {
    notNull(method, "method");
    notNull(path, "path");
    notNull(headers, "headers");
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach(
        (name, value) ->
            lower.merge(
                name.toLowerCase(Locale.ROOT),
                notNull(value, "headers." + name),
                (a, b) -> a + ", " + b));
    headers = Collections.unmodifiableMap(lower);
  }

  /**
   * Returns a request with the header fields a responder reads ({@link #HEADERS}), looked up by
   * name.
   *
   * @param method the request method
   * @param path the request target's path, as sent
   * @param header gives a field's value by name ({@code HttpServletRequest::getHeader}, Spring's
   *     {@code HttpHeaders::getFirst}), or {@code null} when the request has none; for a field
   *     sent several times, the values joined by commas (else the first value is used)
   * @return the request
   */
  public static FeedRequest of(
      String method, String path, Function<String, @Nullable String> header) {
    notNull(header, "header");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : HEADERS) {
      String value = header.apply(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return new FeedRequest(method, path, headers);
  }

  /**
   * Returns a header field's value.
   *
   * @param name the field's name, in any case
   * @return its value, or {@code null} when the request has none
   */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
