package org.republisher.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * A response body read with a cap: the bytes, and whether more were sent than the cap allowed.
 *
 * <p>{@link #collector(int)} reads a body off the wire and stops reading (cancelling the exchange)
 * once the cap is passed; {@link #decode(HttpBody, String, int)} undoes a {@code gzip} or {@code
 * deflate} content coding with the same cap on the decoded bytes, so a small compressed body cannot
 * expand without bound.
 *
 * @param bytes the bytes read, at most the cap
 * @param truncated whether the body was longer than the cap and was cut at it
 */
record HttpBody(byte[] bytes, boolean truncated) {

  static final HttpBody EMPTY = new HttpBody(new byte[0], false);

  /**
   * Returns a subscriber that keeps at most {@code max} bytes of a body and then cancels the
   * exchange.
   */
  static Collector collector(int max) {
    return new Collector(max);
  }

  /**
   * Undoes a content coding. {@code identity} or none returns the body as it is; {@code gzip}
   * ({@code x-gzip}) and {@code deflate} (zlib-wrapped, as RFC 9110 says, or raw, as some servers
   * send) are decoded with a cap of {@code max} decoded bytes.
   *
   * @throws IOException when the coding is unknown or the compressed data is corrupt; data that
   *     ends early is not an error when the compressed body was itself cut at its cap
   */
  static HttpBody decode(HttpBody raw, @Nullable String contentEncoding, int max)
      throws IOException {
    String coding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    switch (coding) {
      case "", "identity":
        return raw;
      case "gzip", "x-gzip":
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw.bytes))) {
          return readCapped(in, max, raw.truncated);
        }
      case "deflate":
        Inflater inflater = new Inflater(!isZlib(raw.bytes));
        try (InputStream in =
            new InflaterInputStream(new ByteArrayInputStream(raw.bytes), inflater)) {
          return readCapped(in, max, raw.truncated);
        } finally {
          inflater.end();
        }
      default:
        throw new IOException("unsupported Content-Encoding: " + contentEncoding);
    }
  }

  /** Whether deflate data starts with a zlib header (RFC 1950) rather than raw deflate. */
  private static boolean isZlib(byte[] data) {
    if (data.length < 2) {
      return false;
    }
    int cmf = data[0] & 0xff;
    int flg = data[1] & 0xff;
    return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
  }

  /**
   * Reads a decoding stream up to {@code max} bytes. A stream that ends early is cut short, not an
   * error, when its input was already cut ({@code inputCut}).
   */
  private static HttpBody readCapped(InputStream in, int max, boolean inputCut) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    try {
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return new HttpBody(out.toByteArray(), inputCut);
        }
        int room = max - out.size();
        if (n > room) {
          out.write(buffer, 0, room);
          return new HttpBody(out.toByteArray(), true);
        }
        out.write(buffer, 0, n);
      }
    } catch (EOFException | ZipException e) {
      if (inputCut) {
        return new HttpBody(out.toByteArray(), true);
      }
      throw new IOException("the compressed body is corrupt or cut short: " + e.getMessage(), e);
    }
  }

  /**
   * Collects a body into memory, up to a cap; past the cap it keeps the first {@code max} bytes,
   * cancels the subscription (the client then drops the connection) and completes. Signals arrive
   * one at a time, as reactive streams guarantee.
   */
  static final class Collector implements BodySubscriber<HttpBody> {
    private final int max;
    private final CompletableFuture<HttpBody> result = new CompletableFuture<>();
    private byte[] buffer = new byte[8 * 1024];
    private int size;
    private volatile Flow.@Nullable Subscription subscription;

    private Collector(int max) {
      this.max = max;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int n = item.remaining();
        int room = max - size;
        if (n > room) {
          append(item, room);
          cancel();
          result.complete(new HttpBody(Arrays.copyOf(buffer, size), true));
          return;
        }
        append(item, n);
      }
    }

    private void append(ByteBuffer item, int n) {
      if (size + n > buffer.length) {
        long wanted = Math.max((long) buffer.length * 2, (long) size + n);
        buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, max));
      }
      item.get(buffer, size, n);
      size += n;
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(new HttpBody(Arrays.copyOf(buffer, size), false));
    }

    @Override
    public CompletionStage<HttpBody> getBody() {
      return result;
    }

    /** Stops reading: cancels the subscription, if any. */
    private void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    /** Gives up on the body: stops reading and fails the body if it is still pending. */
    void abort() {
      result.completeExceptionally(new CancellationException("the body was abandoned"));
      cancel();
    }
  }
}
