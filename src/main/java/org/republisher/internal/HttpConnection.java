package org.republisher.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 exchange on a connection of its own, to an address already checked, on the calling
 * thread, within a deadline. Not thread-safe; closed after its one exchange.
 *
 * <p>The socket is a {@link SocketChannel}'s, so an interrupt of the calling thread closes it at
 * once; every read waits at most until the deadline, so a server that drips its answer a byte at a
 * time cannot stretch it. The response head may hold at most {@value #MAX_HEAD_BYTES} bytes. Bodies
 * are framed by {@code Transfer-Encoding: chunked}, {@code Content-Length}, or the end of the
 * connection. Nothing is kept between exchanges: no pooled connection, no thread.
 */
final class HttpConnection implements Closeable {

  /** The most bytes of a response head (status line and headers): 64 KiB. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  private static final int MAX_LINE = 8 * 1024;

  private final Socket socket;
  private final InputStream wire;
  private final OutputStream out;
  private final long deadline;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;

  /** The head of a response. */
  record Head(int status, HttpFetcher.Headers headers) {}

  /** Thrown when the response head is larger than {@link #MAX_HEAD_BYTES}. */
  static final class HeadTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    HeadTooLarge() {
      super("the response headers exceed " + MAX_HEAD_BYTES / 1024 + " KiB");
    }
  }

  private HttpConnection(Socket socket, long deadline) throws IOException {
    this.socket = socket;
    this.wire = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.deadline = deadline;
  }

  /**
   * Connects, and for TLS shakes hands (checking the certificate against the host name).
   *
   * @param address the checked address and port
   * @param host the host name, for TLS
   * @param tls the context for an https connection, or {@code null} for plain http
   * @param connectMillis the most time connecting may take
   * @param deadline the {@link System#nanoTime()} by which the whole exchange ends
   * @throws SocketTimeoutException when connecting takes longer than allowed
   */
  static HttpConnection open(
      InetSocketAddress address,
      String host,
      @Nullable SSLContext tls,
      int connectMillis,
      long deadline)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    Socket socket = channel.socket();
    try {
      socket.connect(address, Math.max(1, connectMillis));
      socket.setTcpNoDelay(true);
      if (tls != null) {
        SSLSocket secure =
            (SSLSocket) tls.getSocketFactory().createSocket(socket, host, address.getPort(), true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (Destinations.literal(host) == null) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        secure.setSSLParameters(parameters);
        secure.setSoTimeout(millisLeft(deadline));
        secure.startHandshake();
        socket = secure;
      }
      return new HttpConnection(socket, deadline);
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(socket);
      closeQuietly(channel);
      throw e;
    }
  }

  /** Sends a request head (a {@code GET}, so no body follows). */
  void send(String head) throws IOException {
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads the head of the final response, skipping interim 1xx ones. */
  Head head() throws IOException {
    int budget = MAX_HEAD_BYTES;
    while (true) {
      String statusLine = line(budget);
      budget -= statusLine.length() + 2;
      if (statusLine.isEmpty()) {
        continue; // a stray empty line before the status line, as RFC 9112 lets a client skip
      }
      int status = status(statusLine);
      TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String last = null;
      for (String line = line(budget); !line.isEmpty(); line = line(budget)) {
        budget -= line.length() + 2;
        if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
          List<String> values = headers.get(last);
          int i = values.size() - 1;
          values.set(i, values.get(i) + ' ' + line.strip()); // an obsolete folded line
          continue;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue; // not a header: ignored, as a lenient client does
        }
        last = line.substring(0, colon).strip();
        headers
            .computeIfAbsent(last, k -> new ArrayList<>())
            .add(line.substring(colon + 1).strip());
      }
      if (status / 100 != 1 || status == 101) {
        return new Head(status, new HttpFetcher.Headers(headers));
      }
    }
  }

  private static int status(String line) throws IOException {
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(8) != ' '
        || !Character.isDigit(line.charAt(9))
        || !Character.isDigit(line.charAt(10))
        || !Character.isDigit(line.charAt(11))
        || line.length() > 12 && line.charAt(12) != ' ') {
      throw new IOException("the answer is not HTTP/1.x: " + Upstream.shown(line));
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  /**
   * Returns the body of a response, its framing undone.
   *
   * @throws IOException when the framing headers are malformed
   */
  InputStream body(Head head) throws IOException {
    int status = head.status();
    if (status / 100 == 1 || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    List<String> codings = head.headers().allValues("transfer-encoding");
    if (!codings.isEmpty()) {
      String all = String.join(",", codings).toLowerCase(Locale.ROOT);
      String lastCoding = all.substring(all.lastIndexOf(',') + 1).strip();
      return lastCoding.equals("chunked") ? new Chunked() : new UntilClose();
    }
    long length = length(head.headers());
    return length >= 0 ? new Fixed(length) : new UntilClose();
  }

  /** Returns the {@code Content-Length}, or -1 when none is sent. */
  static long length(HttpFetcher.Headers headers) throws IOException {
    long length = -1;
    for (String value : headers.allValues("content-length")) {
      for (String part : value.split(",")) {
        String v = part.strip();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
          throw new IOException("a malformed Content-Length: " + Upstream.shown(value));
        }
        long n = Long.parseLong(v);
        if (length >= 0 && n != length) {
          throw new IOException("conflicting Content-Length headers");
        }
        length = n;
      }
    }
    return length;
  }

  /** Reads a line of the head, without its CRLF (or bare LF), within the bytes left to it. */
  private String line(int budget) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int c = readByte();
      if (c < 0) {
        throw new EOFException("the connection closed before the end of the response headers");
      }
      if (c == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return line.toString();
      }
      line.append((char) c);
      if (line.length() + 2 > budget) {
        throw new HeadTooLarge();
      }
    }
  }

  private int readByte() throws IOException {
    if (position == limit && fill() < 0) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (position == limit) {
      if (len >= buffer.length) {
        return readWire(b, off, len);
      }
      if (fill() < 0) {
        return -1;
      }
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(buffer, position, b, off, n);
    position += n;
    return n;
  }

  private int fill() throws IOException {
    int n = readWire(buffer, 0, buffer.length);
    position = 0;
    limit = Math.max(n, 0);
    return n;
  }

  /** Reads from the socket, waiting no longer than the deadline. */
  private int readWire(byte[] b, int off, int len) throws IOException {
    socket.setSoTimeout(millisLeft(deadline));
    return wire.read(b, off, len);
  }

  /** The time left until the deadline, in milliseconds, at least 1. */
  static int millisLeft(long deadline) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("the deadline has passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000));
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing a connection we are done with: nothing to do about it
    }
  }

  /** A body of a known length; ending before it is an error. */
  private final class Fixed extends HttpBody.BlockStream {
    private long left;

    Fixed(long length) {
      this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = HttpConnection.this.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the connection closed before the end of the body");
      }
      left -= n;
      return n;
    }
  }

  /** A body that ends with the connection. */
  private final class UntilClose extends InputStream {
    @Override
    public int read() throws IOException {
      return readByte();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return HttpConnection.this.read(b, off, len);
    }
  }

  /** A chunked body (RFC 9112, section 7.1); chunk extensions and trailers are read and ignored. */
  private final class Chunked extends HttpBody.BlockStream {
    private long left;
    private boolean done;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        left = nextChunk();
        if (left == 0) {
          done = true;
          for (int budget = MAX_HEAD_BYTES; ; ) {
            String trailer = line(budget);
            if (trailer.isEmpty()) {
              return -1;
            }
            budget -= trailer.length() + 2;
          }
        }
      }
      int n = HttpConnection.this.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the connection closed inside a chunk of the body");
      }
      left -= n;
      if (left == 0 && !line(MAX_LINE).isEmpty()) {
        throw new IOException("a chunk of the body does not end where its size says");
      }
      return n;
    }

    private long nextChunk() throws IOException {
      String line = line(MAX_LINE);
      int end = line.indexOf(';');
      String size = (end < 0 ? line : line.substring(0, end)).strip();
      if (size.isEmpty()
          || size.length() > 15
          || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new IOException("a malformed chunk size: " + Upstream.shown(line));
      }
      try {
        return Long.parseLong(size, 16);
      } catch (NumberFormatException e) {
        throw new IOException("a malformed chunk size: " + Upstream.shown(line), e);
      }
    }
  }
}
