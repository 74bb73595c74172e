package org.republisher.store;

import java.net.URI;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

/**
 * The hash that tells whether a source's version of an article changed: 128 bits over every field
 * a reader sees except the id and the dates (the history keeps the first sighting's id and
 * published date for ever; an upstream that re-stamps its dates at every fetch does not make an
 * article change). The mixing is MurmurHash3's x64 128-bit function over the fields' UTF-16 code
 * units, each field prefixed by its length: not a cryptographic hash, and it need not be one (an
 * upstream that crafted a collision would only hide its own change), but ten times faster than
 * SHA-256 here, which matters because every entry of every fetch is hashed. Not thread-safe: one
 * per recording.
 */
final class ArticleHash {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private final char[] chars = new char[4096];
  private long h1;
  private long h2;
  private long pending; // a 64-bit block being filled
  private int pendingChars; // 0 to 3 chars in it
  private long first; // the first block of a pair
  private boolean haveFirst;
  private long length; // code units and marks fed, for the finalization

  /** Returns the article's hash, 32 hex digits. */
  String of(Article a) {
    h1 = 0x5EED_2026_1207L;
    h2 = 0x5EED_2026_1207L;
    pending = 0;
    pendingChars = 0;
    haveFirst = false;
    length = 0;
    text(a.title());
    uri(a.link());
    uri(a.sourceLink());
    Publication p = a.publication();
    if (p == null) {
      text(null);
    } else {
      text(p.name());
      uri(p.url());
      uri(p.feedUrl());
      text(p.language());
      text(p.zone().getId());
    }
    mark(a.authors().size());
    for (Author author : a.authors()) {
      text(author.name());
      text(author.email());
      uri(author.url());
    }
    mark(a.categories().size());
    for (String category : a.categories()) {
      text(category);
    }
    text(a.language());
    text(a.summary());
    text(a.contentHtml());
    Enclosure image = a.image();
    if (image == null) {
      text(null);
    } else {
      uri(image.url());
      text(image.type());
      mark((int) image.length());
      mark((int) (image.length() >>> 32));
    }
    uri(a.baseUri());
    return finish();
  }

  private void uri(@Nullable URI uri) {
    text(uri == null ? null : uri.toString());
  }

  /** A length-prefixed string, or a marker for null. */
  private void text(@Nullable String s) {
    if (s == null) {
      mark(-1);
      return;
    }
    mark(s.length());
    int n = s.length();
    for (int from = 0; from < n; from += chars.length) {
      int to = Math.min(n, from + chars.length);
      s.getChars(from, to, chars, 0); // a bulk copy: faster than charAt over long content
      int count = to - from;
      int i = 0;
      while (pendingChars != 0 && i < count) {
        unit(chars[i++]);
      }
      for (; i + 4 <= count; i += 4) {
        block((long) chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32
            | (long) chars[i + 3] << 48);
      }
      while (i < count) {
        unit(chars[i++]);
      }
    }
    length += n;
  }

  private void mark(int n) {
    unit((char) n);
    unit((char) (n >>> 16));
    length += 2;
  }

  private void unit(char c) {
    pending |= (long) c << (16 * pendingChars);
    if (++pendingChars == 4) {
      long block = pending;
      pending = 0;
      pendingChars = 0;
      block(block);
    }
  }

  private void block(long block) {
    if (!haveFirst) {
      first = block;
      haveFirst = true;
      return;
    }
    haveFirst = false;
    long k1 = first * C1;
    k1 = Long.rotateLeft(k1, 31) * C2;
    h1 ^= k1;
    h1 = Long.rotateLeft(h1, 27) + h2;
    h1 = h1 * 5 + 0x52dce729;
    long k2 = block * C2;
    k2 = Long.rotateLeft(k2, 33) * C1;
    h2 ^= k2;
    h2 = Long.rotateLeft(h2, 31) + h1;
    h2 = h2 * 5 + 0x38495ab5;
  }

  private String finish() {
    long k1 = haveFirst ? first : pending;
    long k2 = haveFirst ? pending : 0;
    if (k2 != 0) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33) * C1;
      h2 ^= k2;
    }
    if (k1 != 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31) * C2;
      h1 ^= k1;
    }
    long bytes = length * 2;
    h1 ^= bytes;
    h2 ^= bytes;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return HexFormat.of().toHexDigits(h1) + HexFormat.of().toHexDigits(h2);
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
