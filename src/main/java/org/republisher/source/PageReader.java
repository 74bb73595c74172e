package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.HttpFetcher;
import org.republisher.internal.HttpFetcher.Validators;
import org.republisher.internal.Upstream;
import org.republisher.source.PageFailureException.Kind;

/**
 * Reads the bytes of a page, from a file or over HTTP(S), within the size limit, and parses them.
 * Immutable and thread-safe.
 */
final class PageReader {
  /** How deep elements nest in a parsed page, at most; real news pages stay well under it. */
  static final int MAX_DEPTH = 100;

  private final String sourceId;
  private final int maxBytes;
  private final HttpFetcher http;

  PageReader(String sourceId, int maxBytes, HttpFetcher http) {
    this.sourceId = requireNonNull(sourceId, "sourceId");
    this.maxBytes = maxBytes;
    this.http = requireNonNull(http, "http");
  }

  /**
   * A page as read.
   *
   * @param location where it was read, after redirects
   * @param body its bytes, empty when not modified
   * @param charset the charset the server named, or {@code null} to detect it
   * @param validators what the server said about its version, for the next read
   * @param notModified whether the server answered 304 Not Modified
   */
  record Page(
      URI location,
      byte[] body,
      @Nullable Charset charset,
      Validators validators,
      boolean notModified) {}

  /** Returns the time a web page may take unless the crawl has less left. */
  Duration readTimeout() {
    return http.readTimeout();
  }

  /**
   * Reads a page.
   *
   * @param uri an http(s) or {@code file:} URI
   * @param previous the validators of the last read of this page, or {@link Validators#NONE}
   * @param timeout the time the page may take, redirects included
   * @param rule which redirects may be followed
   * @throws PageFailureException when the page cannot be read or is too large
   * @throws SourceException when the thread was interrupted (its flag is kept)
   */
  Page read(URI uri, Validators previous, Duration timeout, HttpFetcher.RedirectRule rule) {
    if (PageUrls.isFile(uri)) {
      return new Page(uri, readFile(uri), null, Validators.NONE, false);
    }
    HttpFetcher.Response response;
    try {
      response = http.get(sourceId, uri, previous, timeout, rule);
    } catch (SourceException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      Kind kind = e instanceof DestinationRefusedException ? Kind.REFUSED : Kind.UNREADABLE;
      throw new PageFailureException(sourceId, uri, kind, e.httpStatus(), reason(uri, e), e);
    }
    if (response.notModified()) {
      return new Page(response.uri(), new byte[0], null, previous, true);
    }
    if (response.truncated()) {
      throw tooLarge(response.uri(), response.status());
    }
    String type = response.contentType();
    if (type != null && !isHtml(type)) {
      throw new PageFailureException(
          sourceId,
          response.uri(),
          Kind.UNREADABLE,
          response.status(),
          "the body is not HTML but " + Upstream.shown(type),
          null);
    }
    return new Page(
        response.uri(), response.body(), response.charset(), response.validators(), false);
  }

  /**
   * Parses a page's bytes: the charset is the one the server named, else the one a byte order mark
   * or a {@code meta} element names, else UTF-8. Relative URLs resolve against the location.
   * Elements nested deeper than {@value #MAX_DEPTH} are kept at that depth: the parser's work per
   * element grows with the depth allowed, and a hostile page of nothing but nested {@code div}s
   * would otherwise take about half a minute per 4 MiB (7 s at this depth).
   */
  Document parse(Page page) {
    try {
      String charset = page.charset() == null ? null : page.charset().name();
      return Jsoup.parse(
          new ByteArrayInputStream(page.body()),
          charset,
          page.location().toString(),
          Parser.htmlParser().setMaxDepth(MAX_DEPTH));
    } catch (IOException | IllegalArgumentException e) {
      throw new PageFailureException(
          sourceId, page.location(), Kind.UNREADABLE, -1, "cannot be parsed: " + e, e);
    }
  }

  /** Returns the reason of an HTTP failure, without the source, URI and status it starts with. */
  private String reason(URI page, SourceException e) {
    String message = String.valueOf(e.getMessage());
    String prefix =
        "source "
            + sourceId
            + (e.uri() == null ? "" : " (" + e.uri() + ")")
            + (e.httpStatus() < 0 ? "" : ": HTTP " + e.httpStatus())
            + ": ";
    String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    URI failed = e.uri();
    return failed == null || failed.equals(page) ? reason : reason + " (at " + failed + ")";
  }

  private static boolean isHtml(String contentType) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.equals("text/html") || type.equals("application/xhtml+xml");
  }

  /** Reads a file, never more than the limit plus one byte. */
  private byte[] readFile(URI uri) {
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new PageFailureException(sourceId, uri, Kind.UNREADABLE, -1, "not a local file", e);
    }
    try {
      if (!Files.isRegularFile(path)) {
        throw new PageFailureException(
            sourceId,
            uri,
            Kind.UNREADABLE,
            -1,
            Files.exists(path) ? "not a regular file" : "no such file",
            null);
      }
      if (Files.size(path) > maxBytes) {
        throw tooLarge(uri, -1);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(maxBytes + 1);
      }
      if (bytes.length > maxBytes) {
        throw tooLarge(uri, -1);
      }
      return bytes;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new SourceException(sourceId, uri, -1, "interrupted", e);
      }
      throw new PageFailureException(sourceId, uri, Kind.UNREADABLE, -1, e.toString(), e);
    }
  }

  private PageFailureException tooLarge(URI uri, int status) {
    return new PageFailureException(
        sourceId,
        uri,
        Kind.TOO_LARGE,
        status,
        "larger than the limit of " + maxBytes + " bytes; not parsed",
        null);
  }
}
