package org.republisher.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * A response body read with a cap: the bytes, and whether more were sent than the cap allowed.
 *
 * <p>{@link #read} reads a body off the wire, undoing a {@code gzip} or {@code deflate} content
 * coding as it goes, and stops at the cap on the wire bytes and on the decoded bytes alike: a small
 * compressed body cannot expand without bound, and the compressed bytes are never kept. What one
 * read holds at most is its buffer, which grows to the size of the body and no further than the cap
 * (the body's {@code Content-Length}, when sent, sizes it at once), and the copy of it returned.
 *
 * @param bytes the bytes read, at most the cap
 * @param truncated whether the body was longer than the cap and was cut at it
 */
record HttpBody(byte[] bytes, boolean truncated) {

  static final HttpBody EMPTY = new HttpBody(new byte[0], false);

  private static final int FIRST_BUFFER = 64 * 1024;

  /**
   * Reads and decodes a body. {@code identity} or none keeps it as it is; {@code gzip} ({@code
   * x-gzip}) and {@code deflate} (zlib-wrapped, as RFC 9110 says, or raw, as some servers send) are
   * decoded.
   *
   * @param wire the body as sent, its framing already undone
   * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
   * @param max the cap, on the bytes sent and on the bytes decoded
   * @param length the {@code Content-Length}, or -1
   * @throws IOException when the coding is unknown, the compressed data is corrupt (data that ends
   *     early is not an error when the wire bytes were themselves cut at the cap), or reading fails
   */
  static HttpBody read(InputStream wire, @Nullable String contentEncoding, int max, long length)
      throws IOException {
    String coding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    Capped raw = new Capped(wire, max);
    Inflater inflater = null;
    try {
      InputStream decoded;
      switch (coding) {
        case "", "identity" -> decoded = raw;
        case "gzip", "x-gzip" -> decoded = new GZIPInputStream(raw, 8 * 1024);
        case "deflate" -> {
          PushbackInputStream in = new PushbackInputStream(raw, 2);
          byte[] head = new byte[2];
          int n = in.readNBytes(head, 0, 2);
          in.unread(head, 0, n);
          inflater = new Inflater(!(n == 2 && isZlib(head)));
          decoded = new InflaterInputStream(in, inflater, 8 * 1024);
        }
        default ->
            throw new IOException(
                "unsupported Content-Encoding: " + Upstream.shown(contentEncoding));
      }
      int first = coding.isEmpty() || coding.equals("identity") ? (int) Math.min(length, max) : -1;
      return collect(decoded, raw, max, first > 0 ? first : Math.min(max, FIRST_BUFFER));
    } catch (EOFException | ZipException e) {
      if (raw.cut) {
        return new HttpBody(new byte[0], true);
      }
      throw new IOException("the compressed body is corrupt or cut short: " + e.getMessage(), e);
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
  }

  /** Reads up to {@code max} bytes, and one more to learn whether there were more. */
  private static HttpBody collect(InputStream in, Capped raw, int max, int firstSize)
      throws IOException {
    byte[] buffer = new byte[Math.max(1, firstSize)];
    int size = 0;
    try {
      while (true) {
        if (size == buffer.length) {
          int next = in.read(); // before growing: a body of exactly Content-Length ends here
          if (next < 0 || size == max) {
            return new HttpBody(buffer, next >= 0 || raw.cut);
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(max, 2L * buffer.length));
          buffer[size++] = (byte) next;
          continue;
        }
        int n = in.read(buffer, size, buffer.length - size);
        if (n < 0) {
          return new HttpBody(
              size == buffer.length ? buffer : Arrays.copyOf(buffer, size), raw.cut);
        }
        size += n;
      }
    } catch (EOFException | ZipException e) {
      if (raw.cut) {
        return new HttpBody(Arrays.copyOf(buffer, size), true);
      }
      throw e;
    }
  }

  /** Whether deflate data starts with a zlib header (RFC 1950) rather than raw deflate. */
  private static boolean isZlib(byte[] data) {
    int cmf = data[0] & 0xff;
    int flg = data[1] & 0xff;
    return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
  }

  /** A stream that reads in blocks: its single-byte read is a block of one. */
  abstract static class BlockStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /**
   * The wire bytes, ending after {@code max} of them; {@link #cut} tells whether more were sent.
   */
  private static final class Capped extends BlockStream {
    private final InputStream in;
    private long left;
    boolean cut;

    Capped(InputStream in, int max) {
      this.in = in;
      this.left = max;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (left == 0) {
        if (!cut && in.read() >= 0) {
          cut = true;
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
