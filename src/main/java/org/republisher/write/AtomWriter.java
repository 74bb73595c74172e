package org.republisher.write;

import java.io.IOException;
import java.io.OutputStream;
import org.republisher.internal.Dates;
import org.republisher.internal.Html;
import org.republisher.internal.Iris;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Author;
import org.republisher.model.FeedSpec;
import org.jspecify.annotations.Nullable;

/**
 * Atom 1.0 (RFC 4287) with StAX. The original is linked with {@code rel="via"} and the publication
 * described in {@code source}; an entry without authors credits its publication.
 */
final class AtomWriter implements FormatWriter {
  static final String ATOM = "http://www.w3.org/2005/Atom";

  private final XmlOutput xml;
  private String feedAuthor = "";
  /** The feed's site: the link of an article that has none (readers want one). */
  private String home = "";

  AtomWriter(OutputStream out) throws IOException {
    this(out, null);
  }

  AtomWriter(OutputStream out, XmlOutput.@Nullable SharedText shared) throws IOException {
    this.xml = new XmlOutput(out, shared);
  }

  @Override
  public void head(FeedHead head) throws IOException {
    FeedSpec spec = head.spec();
    home = spec.link().toASCIIString();
    xml.start(0, "feed");
    xml.namespace("", ATOM);
    FeedHead.Paging paging = head.paging();
    if (paging.archive()) {
      xml.namespace("fh", FeedHead.HISTORY);
    }
    if (spec.language() != null) {
      xml.xmlLang(spec.language());
    }
    xml.element(1, "id", Iris.canonical(head.selfUrl().toASCIIString()));
    text(1, "title", spec.title());
    if (!spec.description().equals(spec.title())) {
      text(1, "subtitle", spec.description());
    }
    xml.element(1, "updated", Dates.rfc3339(head.updated()));
    link(1, "self", FeedFormat.ATOM.mediaType(), head.selfUrl().toASCIIString());
    link(1, "alternate", "text/html", spec.link().toASCIIString());
    if (spec.hub() != null) {
      xml.empty(1, "link");
      xml.attribute("rel", "hub");
      xml.attribute("href", spec.hub().toASCIIString());
    }
    if (paging.current() != null) {
      link(1, "current", FeedFormat.ATOM.mediaType(), paging.current().toASCIIString());
    }
    if (paging.prevArchive() != null) {
      link(1, "prev-archive", FeedFormat.ATOM.mediaType(), paging.prevArchive().toASCIIString());
    }
    if (paging.nextArchive() != null) {
      link(1, "next-archive", FeedFormat.ATOM.mediaType(), paging.nextArchive().toASCIIString());
    }
    if (paging.archive()) {
      xml.empty(1, "fh", "archive", FeedHead.HISTORY);
    }
    Author author = spec.author();
    person(1, author != null ? author.name() : spec.title(),
        author == null ? null : author.email(),
        author == null || author.url() == null ? null : author.url().toASCIIString());
    feedAuthor = author != null ? author.name() : spec.title();
    xml.start(1, "generator");
    xml.attribute("uri", FeedHead.GENERATOR_URI);
    xml.text(FeedHead.GENERATOR);
    xml.end(-1);
    if (spec.icon() != null) {
      xml.element(1, "icon", spec.icon().toASCIIString());
    }
  }

  @Override
  public void entry(NormalizedArticle a) throws IOException {
    xml.start(1, "entry");
    if (a.language() != null) {
      xml.xmlLang(a.language());
    }
    xml.element(2, "id", a.atomId());
    text(2, "title", a.title());
    xml.element(2, "updated", Dates.rfc3339(a.updated()));
    xml.element(2, "published", Dates.rfc3339(a.published()));
    if (!a.authors().isEmpty()) {
      for (NormalizedArticle.Person author : a.authors()) {
        person(2, author.name(), author.email(), author.url());
      }
    } else if (a.publication() != null && !a.publication().name().equals(feedAuthor)) {
      person(2, a.publication().name(), null, null);
    }
    link(2, "alternate", "text/html", a.link() != null ? a.link() : home);
    if (a.sourceLink() != null) {
      link(2, "via", "text/html", a.sourceLink());
    }
    NormalizedArticle.Image image = a.image();
    if (image != null) {
      xml.empty(2, "link");
      xml.attribute("rel", "enclosure");
      xml.attribute("type", image.type());
      xml.attribute("href", image.url());
      if (image.length() > 0) {
        xml.attribute("length", Long.toString(image.length()));
      }
    }
    for (String category : a.categories()) {
      xml.empty(2, "category");
      xml.attribute("term", category);
    }
    if (a.summary() != null) {
      text(2, "summary", a.summary());
    }
    xml.start(2, "content");
    xml.attribute("type", "html");
    xml.text(a.contentHtml());
    xml.end(-1);
    NormalizedArticle.Source source = a.publication();
    if (source != null && source.atomId() != null) {
      // a source needs an id and a self link: without a URL for the publication, the credit
      // stays in the author and the content
      xml.start(2, "source");
      xml.element(3, "id", source.atomId());
      text(3, "title", source.name());
      xml.element(3, "updated", Dates.rfc3339(a.updated()));
      if (source.url() != null) {
        link(3, "alternate", "text/html", source.url());
      }
      // the W3C validator wants a self link in a source: the publication's feed, else its page
      xml.empty(3, "link");
      xml.attribute("rel", "self");
      xml.attribute("href", source.id());
      xml.end(2);
    }
    xml.end(1);
  }

  /**
   * A text construct: {@code type="text"}, where readers show a start tag as the text it is,
   * unless the W3C validator would take the text for undeclared HTML (an end tag, a reference:
   * ContainsUndeclaredHTML); then {@code type="html"}, escaped as in RSS titles ({@code &#x26;}
   * and {@code &#x3C;}), which one of the readers tested still shows without what reads as tags.
   */
  private void text(int depth, String name, String text) throws IOException {
    xml.start(depth, name);
    if (Html.looksLikeMarkupInPlainText(text)) {
      xml.attribute("type", "html");
      xml.plainText(text); // escaped as HTML, & and < as references: as in RSS titles
    } else {
      xml.attribute("type", "text");
      xml.text(text);
    }
    xml.end(-1);
  }

  private void link(int depth, String rel, String type, String href) throws IOException {
    xml.empty(depth, "link");
    xml.attribute("rel", rel);
    xml.attribute("type", type);
    xml.attribute("href", href);
  }

  private void person(int depth, String name, String email, String url) throws IOException {
    xml.start(depth, "author");
    if (Html.looksLikeMarkup(name)) {
      // a name has no type: escaped, as readers that assume HTML need it (W3C ContainsHTML)
      xml.plainElement(depth + 1, "name", name);
    } else {
      xml.element(depth + 1, "name", name);
    }
    if (email != null) {
      xml.element(depth + 1, "email", email);
    }
    if (url != null) {
      xml.element(depth + 1, "uri", url);
    }
    xml.end(depth);
  }

  @Override
  public void finish() throws IOException {
    xml.end(0);
    xml.finish();
  }
}
