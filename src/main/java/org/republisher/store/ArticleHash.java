package org.republisher.store;

import java.net.URI;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

/**
 * The hash that tells whether a source's version of an article changed: 64 bits over every field
 * a reader sees except the id and the dates (the history keeps the first sighting's id and
 * published date for ever; an upstream that re-stamps its dates at every fetch does not make an
 * article change).
 *
 * <p>The fields' UTF-16 code units, four to a 64-bit word, each field after a word of its length
 * and padded to whole words (so that "ab" then "c" differs from "a" then "bc"), are mixed in four
 * independent lanes and merged and finished as xxHash64 does. Not a cryptographic hash, and it
 * need not be one: the odds that a real change keeps the hash are 1 in 2<sup>64</sup>, and an
 * upstream that crafted a collision would only hide its own change. Fast matters more: every entry
 * of every fetch is hashed, the unchanged ones included (a 1,000-source refresh hashes 140 million
 * code units); four lanes keep the processor's multipliers busy, where one chain of rounds waits
 * on each multiply.
 *
 * <p>Not thread-safe: one per recording.
 */
final class ArticleHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final long SEED = 0x5EED_2026_1207L;

  private final char[] chars = new char[4096];
  private final long[] pending = new long[4];
  private int pendingWords;
  private long words;
  private long v1;
  private long v2;
  private long v3;
  private long v4;

  /** Returns the article's hash, 16 hex digits. */
  String of(Article a) {
    v1 = SEED + P1 + P2;
    v2 = SEED + P2;
    v3 = SEED;
    v4 = SEED - P1;
    pendingWords = 0;
    words = 0;
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
    word(a.authors().size());
    for (Author author : a.authors()) {
      text(author.name());
      text(author.email());
      uri(author.url());
    }
    word(a.categories().size());
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
      word(image.length());
    }
    uri(a.baseUri());
    return HexFormat.of().toHexDigits(finish());
  }

  private void uri(@Nullable URI uri) {
    text(uri == null ? null : uri.toString());
  }

  /** A field: a word of its length (-1 for null), then its code units, padded to whole words. */
  private void text(@Nullable String s) {
    if (s == null) {
      word(-1);
      return;
    }
    int n = s.length();
    word(n);
    for (int from = 0; from < n; from += chars.length) {
      int count = Math.min(n - from, chars.length);
      s.getChars(from, from + count, chars, 0); // a bulk copy: faster than charAt
      int i = 0;
      while (pendingWords != 0 && i + 4 <= count) {
        word(block(i));
        i += 4;
      }
      if (pendingWords == 0) {
        // whole stripes of four words straight from the array, one per lane
        long a1 = v1;
        long a2 = v2;
        long a3 = v3;
        long a4 = v4;
        int start = i;
        for (; i + 16 <= count; i += 16) {
          a1 = round(a1, block(i));
          a2 = round(a2, block(i + 4));
          a3 = round(a3, block(i + 8));
          a4 = round(a4, block(i + 12));
        }
        v1 = a1;
        v2 = a2;
        v3 = a3;
        v4 = a4;
        words += (i - start) / 4;
      }
      for (; i + 4 <= count; i += 4) {
        word(block(i));
      }
      if (i < count) {
        long last = 0;
        for (int j = 0; i + j < count; j++) {
          last |= (long) chars[i + j] << (16 * j);
        }
        word(last);
      }
    }
  }

  private long block(int i) {
    return (long) chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32
        | (long) chars[i + 3] << 48;
  }

  private void word(long w) {
    pending[pendingWords++] = w;
    words++;
    if (pendingWords == 4) {
      v1 = round(v1, pending[0]);
      v2 = round(v2, pending[1]);
      v3 = round(v3, pending[2]);
      v4 = round(v4, pending[3]);
      pendingWords = 0;
    }
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long h, long v) {
    return (h ^ round(0, v)) * P1 + P4;
  }

  private long finish() {
    long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
        + Long.rotateLeft(v4, 18);
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
    h += words * 8;
    for (int i = 0; i < pendingWords; i++) {
      h ^= round(0, pending[i]);
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h ^ P5;
  }
}
