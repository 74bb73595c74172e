package org.republisher.write;

import java.io.IOException;
import java.io.OutputStream;
import org.republisher.internal.Dates;
import org.republisher.internal.Html;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.FeedSpec;
import org.jspecify.annotations.Nullable;

/**
 * RSS 2.0 with StAX. Authors go to {@code dc:creator} (RSS {@code author} must be an email), the
 * content with its credit to {@code content:encoded}, the publication to {@code source}, an image
 * of known length to {@code enclosure}, else to {@code media:content}.
 */
final class RssWriter implements FormatWriter {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String MEDIA = "http://search.yahoo.com/mrss/";

  private final XmlOutput xml;
  /** The feed's site: the link of an article that has none (readers want one). */
  private String home = "";

  RssWriter(OutputStream out) throws IOException {
    this(out, null);
  }

  RssWriter(OutputStream out, XmlOutput.@Nullable SharedText shared) throws IOException {
    this.xml = new XmlOutput(out, shared);
  }

  @Override
  public void head(FeedHead head) throws IOException {
    FeedSpec spec = head.spec();
    home = spec.link().toASCIIString();
    xml.start(0, "rss");
    xml.attribute("version", "2.0");
    xml.namespace("atom", ATOM);
    xml.namespace("content", CONTENT);
    xml.namespace("dc", DC);
    xml.namespace("media", MEDIA);
    FeedHead.Paging paging = head.paging();
    if (paging.archive()) {
      xml.namespace("fh", FeedHead.HISTORY);
    }
    xml.start(0, "channel");
    xml.plainElement(1, "title", spec.title());
    xml.element(1, "link", spec.link().toASCIIString());
    xml.plainElement(1, "description", spec.description());
    if (spec.language() != null) {
      xml.element(1, "language", spec.language());
    }
    xml.element(1, "lastBuildDate", Dates.rfc822(head.updated()));
    xml.element(1, "generator", FeedHead.GENERATOR);
    xml.empty(1, "atom", "link", ATOM);
    xml.attribute("href", head.selfUrl().toASCIIString());
    xml.attribute("rel", "self");
    xml.attribute("type", FeedFormat.RSS.mediaType());
    if (spec.hub() != null) {
      xml.empty(1, "atom", "link", ATOM);
      xml.attribute("href", spec.hub().toASCIIString());
      xml.attribute("rel", "hub");
    }
    atomLink("current", paging.current());
    atomLink("prev-archive", paging.prevArchive());
    atomLink("next-archive", paging.nextArchive());
    if (paging.archive()) {
      xml.empty(1, "fh", "archive", FeedHead.HISTORY);
    }
    if (spec.icon() != null) {
      xml.start(1, "image");
      xml.element(2, "url", spec.icon().toASCIIString());
      xml.plainElement(2, "title", spec.title());
      xml.element(2, "link", spec.link().toASCIIString());
      xml.end(1);
    }
  }

  private void atomLink(String rel, java.net.@Nullable URI href) throws IOException {
    if (href != null) {
      xml.empty(1, "atom", "link", ATOM);
      xml.attribute("href", href.toASCIIString());
      xml.attribute("rel", rel);
      xml.attribute("type", FeedFormat.RSS.mediaType());
    }
  }

  @Override
  public void entry(NormalizedArticle a) throws IOException {
    xml.start(1, "item");
    xml.plainElement(2, "title", a.title());
    String link = a.link() != null ? a.link() : home;
    xml.element(2, "link", link);
    // a short number ("123", a database key) is no guid readers can trust to be unique (W3C
    // NotSufficientlyUnique): the Atom id made of it, a name-based urn:uuid:, stands in
    String guid = isShortNumber(a.id()) ? a.atomId() : a.id();
    xml.start(2, "guid");
    if (!guid.equals(link)) {
      xml.attribute("isPermaLink", "false");
    }
    xml.text(guid);
    xml.end(-1);
    xml.element(2, "pubDate", Dates.rfc822(a.published()));
    for (NormalizedArticle.Person author : a.authors()) {
      xml.element(2, "dc", "creator", DC, author.name());
    }
    for (String category : a.categories()) {
      xml.plainElement(2, "category", category);
    }
    if (a.summary() != null) {
      // readers take description as HTML: the plain-text summary is escaped to stay text
      xml.element(2, "description", Html.escape(a.summary()));
    }
    xml.element(2, "content", "encoded", CONTENT, a.contentHtml());
    NormalizedArticle.Image image = a.image();
    if (image != null) {
      if (image.length() > 0) {
        xml.empty(2, "enclosure");
        xml.attribute("url", image.url());
        xml.attribute("length", Long.toString(image.length()));
        xml.attribute("type", image.type());
      } else {
        xml.empty(2, "media", "content", MEDIA);
        xml.attribute("url", image.url());
        xml.attribute("type", image.type());
        xml.attribute("medium", "image");
      }
    }
    NormalizedArticle.Source source = a.publication();
    if (source != null && source.id() != null) {
      xml.start(2, "source");
      xml.attribute("url", source.id());
      xml.plainText(source.name());
      xml.end(-1);
    }
    xml.end(1);
  }

  @Override
  public void finish() throws IOException {
    xml.end(0);
    xml.end(-1);
    xml.finish();
  }

  /** True for an id of fewer than 9 digits, which the W3C validator finds not unique enough. */
  static boolean isShortNumber(String id) {
    if (id.isEmpty() || id.length() >= 9) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
