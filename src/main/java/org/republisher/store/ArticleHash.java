package org.republisher.store;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

/**
 * The hash that tells whether a source's version of an article changed: SHA-256 over every field
 * a reader sees except the id and the dates (the history keeps the first sighting's id and
 * published date for ever; an upstream that re-stamps its dates at every fetch does not make an
 * article change). Not thread-safe: one per recording.
 */
final class ArticleHash {
  private final MessageDigest sha256;
  private final byte[] buffer = new byte[8192];
  private int at;

  ArticleHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Returns the article's hash, 64 hex digits. */
  String of(Article a) {
    at = 0;
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
      text(Long.toString(image.length()));
    }
    uri(a.baseUri());
    sha256.update(buffer, 0, at);
    return HexFormat.of().formatHex(sha256.digest());
  }

  private void uri(@Nullable URI uri) {
    text(uri == null ? null : uri.toString());
  }

  /** A length-prefixed string (UTF-16 code units), or a marker for null. */
  private void text(@Nullable String s) {
    if (s == null) {
      mark(-1);
      return;
    }
    mark(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (at + 2 > buffer.length) {
        sha256.update(buffer, 0, at);
        at = 0;
      }
      char c = s.charAt(i);
      buffer[at++] = (byte) (c >>> 8);
      buffer[at++] = (byte) c;
    }
  }

  private void mark(int n) {
    if (at + 4 > buffer.length) {
      sha256.update(buffer, 0, at);
      at = 0;
    }
    buffer[at++] = (byte) (n >>> 24);
    buffer[at++] = (byte) (n >>> 16);
    buffer[at++] = (byte) (n >>> 8);
    buffer[at++] = (byte) n;
  }
}
