package org.republisher.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

/**
 * One served file with every response it can get, made once when the file is swapped in: the
 * identity and the gzip representations, each as a 200 to {@code GET}, a 200 to {@code HEAD} and a
 * 304. Immutable.
 */
final class Served {
  final URI url;
  final FeedFormat format;
  final Instant lastModified;
  final Representation identity;
  /** The gzip representation, or null when gzip would not make the file smaller. */
  final @Nullable Representation gzip;

  /** One representation's ETag and responses. */
  record Representation(String etag, FeedResponse get, FeedResponse head, FeedResponse notModified) {}

  private Served(
      URI url, FeedFormat format, Instant lastModified, Representation identity,
      @Nullable Representation gzip) {
    this.url = url;
    this.format = format;
    this.lastModified = lastModified;
    this.identity = identity;
    this.gzip = gzip;
  }

  /**
   * Makes the responses of a file.
   *
   * @param previous what was served at the same path before, whose gzip form is reused when its
   *     bytes are the same; or null
   */
  static Served of(
      FeedFile file, byte[] bytes, String etag, String cacheControl, @Nullable String link,
      @Nullable Served previous) {
    Instant lastModified = file.updated().truncatedTo(ChronoUnit.SECONDS);
    String type = file.format().mediaType() + "; charset=utf-8";
    String date = HttpFields.httpDate(lastModified);
    Representation identity =
        representation(etag, bytes, type, null, date, cacheControl, link);
    byte[] compressed =
        previous != null && previous.identity.etag.equals(etag) && previous.gzip != null
            ? previous.gzip.get.body()
            : gzip(bytes);
    Representation gzip =
        compressed.length < bytes.length
            ? representation(
                gzipTag(etag), compressed, type, "gzip", date, cacheControl, link)
            : null;
    return new Served(file.url(), file.format(), lastModified, identity, gzip);
  }

  /** Tells whether this serves the same URL, date and bytes as another, so it can stay. */
  boolean same(FeedFile file, String etag) {
    return url.equals(file.url())
        && identity.etag.equals(etag)
        && format == file.format()
        && lastModified.equals(file.updated().truncatedTo(ChronoUnit.SECONDS));
  }

  private static Representation representation(
      String etag, byte[] body, String type, @Nullable String coding, String lastModified,
      String cacheControl, @Nullable String link) {
    Map<String, String> validators = new LinkedHashMap<>();
    validators.put("ETag", etag);
    validators.put("Cache-Control", cacheControl);
    validators.put("Vary", "Accept-Encoding");
    if (link != null) {
      validators.put("Link", link);
    }
    Map<String, String> full = new LinkedHashMap<>();
    full.put("Content-Type", type);
    if (coding != null) {
      full.put("Content-Encoding", coding);
    }
    full.put("Content-Length", Integer.toString(body.length));
    full.put("Last-Modified", lastModified);
    full.putAll(validators);
    return new Representation(
        etag,
        new FeedResponse(200, full, body),
        new FeedResponse(200, full, new byte[0]),
        new FeedResponse(304, validators, new byte[0]));
  }

  /**
   * A strong entity tag from the bytes: the first 128 bits of their SHA-256 in base64url, quoted.
   */
  static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The gzip representation's tag: a content coding makes another representation, whose strong tag
   * must differ from the identity one's (RFC 9110, section 8.8.3.3).
   */
  static String gzipTag(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new Best(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen in memory", e);
    }
    return out.toByteArray();
  }

  /** gzip at the best compression: made once per change, served many times. */
  private static final class Best extends GZIPOutputStream {
    Best(ByteArrayOutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
