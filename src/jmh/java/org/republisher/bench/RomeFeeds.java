package org.republisher.bench;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.rss.Source;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.republisher.internal.Html;
import org.republisher.internal.Iris;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.FeedSpec;

/**
 * The incumbent: Rome 2.1.0's {@link WireFeedOutput}, fed the same already-normalized articles,
 * mapped by hand to Rome's RSS {@link Channel}/{@link Item} and Atom {@link Feed}/{@link Entry}
 * the way our writers map them (same elements, same values). The mapping is part of what is
 * measured, as it is for our writers: both turn normalized articles into bytes.
 */
public final class RomeFeeds {
  static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
  static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");

  /**
   * JDOM's pretty format (Rome's {@code prettyPrint}), as our writers indent. Switch with {@code
   * -Dbench.rome.pretty=false}: raw output was not faster in our runs.
   */
  static final boolean PRETTY = !"false".equals(System.getProperty("bench.rome.pretty"));

  private RomeFeeds() {}

  /** Writes RSS 2.0 with Rome; returns nothing, the bytes go to {@code out}. */
  public static void rss(FeedSpec spec, Instant updated, List<NormalizedArticle> articles, OutputStream out)
      throws IOException {
    output(channel(spec, updated, articles), out);
  }

  /** Writes Atom 1.0 with Rome. */
  public static void atom(FeedSpec spec, Instant updated, List<NormalizedArticle> articles, OutputStream out)
      throws IOException {
    output(feed(spec, updated, articles), out);
  }

  private static void output(com.rometools.rome.feed.WireFeed feed, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try {
      new WireFeedOutput().output(feed, writer, PRETTY);
    } catch (FeedException e) {
      throw new IOException(e);
    }
    writer.flush();
  }

  public static Channel channel(FeedSpec spec, Instant updated, List<NormalizedArticle> articles) {
    Channel c = new Channel();
    c.setFeedType("rss_2.0");
    c.setTitle(spec.title());
    c.setLink(spec.link().toASCIIString());
    c.setDescription(spec.description());
    c.setLanguage(spec.language());
    c.setLastBuildDate(Date.from(updated));
    c.setGenerator("republisher");
    Element self = new Element("link", ATOM);
    self.setAttribute("href", spec.selfUrl().toASCIIString());
    self.setAttribute("rel", "self");
    self.setAttribute("type", "application/rss+xml");
    List<Element> markup = new ArrayList<>(1);
    markup.add(self);
    c.setForeignMarkup(markup);
    List<Item> items = new ArrayList<>(articles.size());
    for (NormalizedArticle a : articles) {
      Item item = new Item();
      item.setTitle(a.title());
      item.setLink(a.link());
      Guid guid = new Guid();
      guid.setValue(a.id());
      guid.setPermaLink(a.id().equals(a.link()));
      item.setGuid(guid);
      item.setPubDate(Date.from(a.published()));
      if (!a.authors().isEmpty()) {
        DCModuleImpl dc = new DCModuleImpl();
        List<String> creators = new ArrayList<>(a.authors().size());
        for (NormalizedArticle.Person p : a.authors()) {
          creators.add(p.name());
        }
        dc.setCreators(creators);
        List<Module> modules = new ArrayList<>(1);
        modules.add(dc);
        item.setModules(modules);
      }
      List<com.rometools.rome.feed.rss.Category> categories = new ArrayList<>(a.categories().size());
      for (String name : a.categories()) {
        com.rometools.rome.feed.rss.Category cat = new com.rometools.rome.feed.rss.Category();
        cat.setValue(name);
        categories.add(cat);
      }
      item.setCategories(categories);
      if (a.summary() != null) {
        Description d = new Description();
        d.setType("text/html");
        d.setValue(Html.escape(a.summary()));
        item.setDescription(d);
      }
      com.rometools.rome.feed.rss.Content content = new com.rometools.rome.feed.rss.Content();
      content.setType(com.rometools.rome.feed.rss.Content.HTML);
      content.setValue(a.contentHtml());
      item.setContent(content);
      NormalizedArticle.Image image = a.image();
      if (image != null) {
        if (image.length() > 0) {
          com.rometools.rome.feed.rss.Enclosure e = new com.rometools.rome.feed.rss.Enclosure();
          e.setUrl(image.url());
          e.setLength(image.length());
          e.setType(image.type());
          List<com.rometools.rome.feed.rss.Enclosure> enclosures = new ArrayList<>(1);
          enclosures.add(e);
          item.setEnclosures(enclosures);
        } else {
          Element media = new Element("content", MEDIA);
          media.setAttribute("url", image.url());
          media.setAttribute("type", image.type());
          media.setAttribute("medium", "image");
          List<Element> foreign = new ArrayList<>(1);
          foreign.add(media);
          item.setForeignMarkup(foreign);
        }
      }
      NormalizedArticle.Source source = a.publication();
      if (source != null && source.id() != null) {
        Source s = new Source();
        s.setUrl(source.id());
        s.setValue(source.name());
        item.setSource(s);
      }
      items.add(item);
    }
    c.setItems(items);
    return c;
  }

  public static Feed feed(FeedSpec spec, Instant updated, List<NormalizedArticle> articles) {
    Feed f = new Feed();
    f.setFeedType("atom_1.0");
    f.setLanguage(spec.language());
    f.setId(Iris.canonical(spec.selfUrl().toASCIIString()));
    f.setTitleEx(text(spec.title()));
    if (!spec.description().equals(spec.title())) {
      f.setSubtitle(text(spec.description()));
    }
    f.setUpdated(Date.from(updated));
    List<Link> feedLinks = new ArrayList<>(1);
    feedLinks.add(link("self", "application/atom+xml", spec.selfUrl().toASCIIString()));
    f.setOtherLinks(feedLinks);
    List<Link> alternate = new ArrayList<>(1);
    alternate.add(link("alternate", "text/html", spec.link().toASCIIString()));
    f.setAlternateLinks(alternate);
    String feedAuthor = spec.author() != null ? spec.author().name() : spec.title();
    List<SyndPerson> feedAuthors = new ArrayList<>(1);
    feedAuthors.add(person(feedAuthor, null, null));
    f.setAuthors(feedAuthors);
    Generator g = new Generator();
    g.setUrl("https://github.com/republisher/republisher");
    g.setValue("republisher");
    f.setGenerator(g);
    List<Entry> entries = new ArrayList<>(articles.size());
    for (NormalizedArticle a : articles) {
      Entry e = new Entry();
      e.setId(a.atomId());
      e.setTitleEx(text(a.title()));
      e.setUpdated(Date.from(a.updated()));
      e.setPublished(Date.from(a.published()));
      List<SyndPerson> authors = new ArrayList<>(2);
      if (!a.authors().isEmpty()) {
        for (NormalizedArticle.Person p : a.authors()) {
          authors.add(person(p.name(), p.email(), p.url()));
        }
      } else if (a.publication() != null && !a.publication().name().equals(feedAuthor)) {
        authors.add(person(a.publication().name(), null, null));
      }
      e.setAuthors(authors);
      List<Link> alt = new ArrayList<>(1);
      alt.add(link("alternate", "text/html", a.link()));
      e.setAlternateLinks(alt);
      List<Link> other = new ArrayList<>(2);
      if (a.sourceLink() != null) {
        other.add(link("via", "text/html", a.sourceLink()));
      }
      NormalizedArticle.Image image = a.image();
      if (image != null) {
        Link l = link("enclosure", image.type(), image.url());
        if (image.length() > 0) {
          l.setLength(image.length());
        }
        other.add(l);
      }
      e.setOtherLinks(other);
      List<Category> categories = new ArrayList<>(a.categories().size());
      for (String name : a.categories()) {
        Category c = new Category();
        c.setTerm(name);
        categories.add(c);
      }
      e.setCategories(categories);
      if (a.summary() != null) {
        e.setSummary(text(a.summary()));
      }
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(a.contentHtml());
      List<Content> contents = new ArrayList<>(1);
      contents.add(content);
      e.setContents(contents);
      NormalizedArticle.Source source = a.publication();
      if (source != null && source.atomId() != null) {
        Feed s = new Feed();
        s.setFeedType("atom_1.0");
        s.setId(source.atomId());
        s.setTitleEx(text(source.name()));
        s.setUpdated(Date.from(a.updated()));
        if (source.url() != null) {
          List<Link> home = new ArrayList<>(1);
          home.add(link("alternate", "text/html", source.url()));
          s.setAlternateLinks(home);
        }
        List<Link> feed = new ArrayList<>(1);
        Link l = new Link();
        l.setRel("self");
        l.setHref(source.id());
        feed.add(l);
        s.setOtherLinks(feed);
        e.setSource(s);
      }
      entries.add(e);
    }
    f.setEntries(entries);
    return f;
  }

  private static Content text(String value) {
    Content c = new Content();
    c.setType(Content.TEXT);
    c.setValue(value);
    return c;
  }

  private static Link link(String rel, String type, String href) {
    Link l = new Link();
    l.setRel(rel);
    l.setType(type);
    l.setHref(href);
    return l;
  }

  private static SyndPerson person(String name, String email, String uri) {
    Person p = new Person();
    p.setName(name);
    p.setEmail(email);
    p.setUri(uri);
    return p;
  }
}
