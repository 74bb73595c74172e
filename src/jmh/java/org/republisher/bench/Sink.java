package org.republisher.bench;

import java.io.OutputStream;

/**
 * Where the benchmarks write: counts the bytes and drops them, so a benchmark measures the writer,
 * not a file system or a growing array. Not thread-safe.
 */
public final class Sink extends OutputStream {
  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** Returns the bytes written since the last reset, and starts again from zero. */
  public long reset() {
    long c = count;
    count = 0;
    return c;
  }

  /** Returns the bytes written since the last reset. */
  public long count() {
    return count;
  }
}
