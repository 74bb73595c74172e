package org.republisher.source;

import static java.util.Objects.requireNonNull;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Html;
import org.republisher.internal.Text;
import org.republisher.internal.Urls;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the entries of an upstream feed to articles, one at a time: an entry that cannot become an
 * article is logged and skipped, never losing the others. The rules are {@link FeedSource}'s.
 */
final class FeedMapping {
  private static final Logger LOG = LoggerFactory.getLogger(FeedMapping.class);

  /** The longest title derived from a description when an entry has none. */
  static final int DERIVED_TITLE_LENGTH = 120;

  private static final Pattern EMAIL_AND_NAME = Pattern.compile("^(\\S+@\\S+)\\s*\\((.+)\\)$");

  private final String sourceId;
  private final @Nullable Publication configured;
  private final Function<String, Instant> firstSeen;
  private final int maxItems;

  /**
   * Creates a mapping for one source.
   *
   * @param sourceId the source's id, prefixed to log lines
   * @param configured the publication configured for the source, or {@code null}
   * @param firstSeen gives the first time an entry key (guid, else link) was seen, remembering it
   * @param maxItems the most entries mapped
   */
  FeedMapping(
      String sourceId,
      @Nullable Publication configured,
      Function<String, Instant> firstSeen,
      int maxItems) {
    this.sourceId = sourceId;
    this.configured = configured;
    this.firstSeen = firstSeen;
    this.maxItems = maxItems;
  }

  /** Maps the feed's entries, in document order, at most {@code maxItems}. */
  List<Article> articles(FeedDocument doc, URI documentUri) {
    SyndFeed feed = doc.feed;
    URI channelLink = http(resolve(doc.base, alternate(feed)));
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    Publication channel =
        configured != null ? configured : channelPublication(doc, channelLink, documentUri, atom);
    String language = tag(doc.language);
    List<Author> feedAuthors = authors(feed.getAuthors(), null, null, null, atom);
    List<SyndEntry> entries = feed.getEntries();
    if (doc.total > maxItems) {
      LOG.warn(
          "{}: {} entries, only the first {} are read", Text.forLog(sourceId), doc.total, maxItems);
    }
    List<Article> articles = new ArrayList<>(Math.min(entries.size(), maxItems));
    for (int i = 0; i < entries.size() && i < maxItems; i++) {
      SyndEntry entry = entries.get(i);
      FeedDocument.Item item = doc.item(i);
      // Atom follows XML Base: the document's URI first. RSS links are the site's: the channel
      // link first. Either way, a file: URI is a poor base for links meant for the web.
      URI base =
          item.base() != null
              ? item.base()
              : atom ? or(http(doc.base), channelLink) : or(channelLink, doc.base);
      try {
        Article article = article(entry, item, base, atom, channel, language, feedAuthors);
        if (article != null) {
          articles.add(article);
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: entry {} skipped: {}", Text.forLog(sourceId), i + 1, e.getMessage());
      }
    }
    return articles;
  }

  /**
   * The feed's web page. Rome gives an Atom feed's last link as its {@code link}, often the self
   * link: the alternate one is looked for first.
   */
  private static @Nullable String alternate(SyndFeed feed) {
    for (SyndLink l : feed.getLinks()) {
      if ((l.getRel() == null || l.getRel().equals("alternate")) && nonBlank(l.getHref()) != null) {
        return l.getHref();
      }
    }
    return nonBlank(feed.getLink());
  }

  private @Nullable Article article(
      SyndEntry entry,
      FeedDocument.Item item,
      @Nullable URI base,
      boolean atom,
      Publication channel,
      @Nullable String language,
      List<Author> feedAuthors) {
    String title = title(entry, atom);
    boolean standIn = false;
    List<String> refused = new ArrayList<>(1);
    String sourceLink = link(entry, base, refused);
    String id = stableId(entry);
    Publication original = original(entry.getSource(), base, atom);
    Publication publication = original != null ? original : channel;
    if (sourceLink == null) {
      String why =
          refused.isEmpty()
              ? "has no link"
              : "has no http(s) link (\"" + Text.forLog(refused.get(0)) + "\" is not one)";
      URI home = publication.url() != null ? publication.url() : publication.feedUrl();
      if (home == null || title == null) {
        LOG.warn(
            "{}: entry \"{}\" skipped: it {}, and {}",
            Text.forLog(sourceId),
            Text.forLog(name(entry, title)),
            why,
            title == null ? "no title or text" : "its publication no home page");
        return null;
      }
      sourceLink = home.toString();
      standIn = true;
      LOG.warn(
          "{}: entry \"{}\" {}: the publication's home page {} stands in",
          Text.forLog(sourceId),
          Text.forLog(name(entry, title)),
          why,
          sourceLink);
      if (id == null) {
        // the home page is every such entry's link: the id comes from what the entry has
        String key = sourceLink + '\n' + (entry.getUri() != null ? entry.getUri() : title);
        id = "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (title == null) {
      title = Html.escape(sourceLink); // a link is all it has: the link is its headline
    }
    Article.Builder b = Article.builder().id(id).title(title).sourceLink(sourceLink);
    b.publication(publication);
    Date published = entry.getPublishedDate();
    Date updated = entry.getUpdatedDate();
    if (item.issued() != null || item.modified() != null) {
      published = item.issued();
      updated = item.modified();
    }
    if (published == null && updated == null) {
      // remembered by guid, else link; a stand-in link is every link-less entry's: then by id
      String key =
          entry.getUri() != null && !entry.getUri().isBlank()
              ? entry.getUri()
              : standIn ? requireNonNull(id) : sourceLink;
      b.published(firstSeen.apply(key));
    } else {
      b.published(published == null ? null : published.toInstant());
      b.updated(updated == null ? null : updated.toInstant());
    }
    // A republished entry is its original's: the republisher's authors and language are not its.
    List<Author> authors = authors(entry.getAuthors(), entry.getAuthor(), dc(entry), base, atom);
    for (Author author : authors.isEmpty() && original == null ? feedAuthors : authors) {
      b.author(author);
    }
    b.categories(categories(entry, atom));
    String lang = tag(item.language());
    b.language(lang != null || original != null ? lang : language);
    content(entry, b);
    Enclosure image = image(entry, item, base);
    b.image(image);
    URI xmlBase = http(item.base());
    if (xmlBase != null) {
      b.baseUri(xmlBase.toString());
    }
    return b.build();
  }

  /**
   * The original article, made absolute: the entry's link (Rome gives an RSS permalink guid as
   * the link), else its guid or Atom id when it is an http(s) URL, else its first enclosure; the
   * first of them that is an http(s) URL once resolved. {@code null} when none is; the first
   * refused one is then added to {@code refused}.
   */
  private static @Nullable String link(SyndEntry entry, @Nullable URI base, List<String> refused) {
    List<String> candidates = new ArrayList<>();
    candidates.add(nonBlank(entry.getLink()));
    if (entry.getUri() != null && isHttp(entry.getUri())) {
      candidates.add(entry.getUri()); // a guid that is a URL, even if not marked a permalink
    }
    for (SyndEnclosure enclosure : entry.getEnclosures()) {
      candidates.add(nonBlank(enclosure.getUrl()));
    }
    for (String raw : candidates) {
      if (raw != null) {
        URI link = http(resolve(base, raw));
        if (link != null) {
          return link.toString();
        }
        if (refused.isEmpty()) {
          refused.add(raw.strip());
        }
      }
    }
    return null;
  }

  /**
   * The title as an HTML fragment, as {@link Article} takes it: an Atom text title (the default
   * type) is escaped, so that what it says stays text; else the start of the entry's text; else
   * {@code null}.
   */
  private static @Nullable String title(SyndEntry entry, boolean atom) {
    String title = titleFragment(entry.getTitleEx(), entry.getTitle(), atom);
    if (title != null) {
      return title;
    }
    SyndContent text = entry.getDescription();
    if (text == null && !entry.getContents().isEmpty()) {
      text = entry.getContents().get(0);
    }
    String html = html(text);
    String derived = html == null ? "" : Text.plain(html);
    return derived.isEmpty() ? null : Html.escape(Text.truncate(derived, DERIVED_TITLE_LENGTH));
  }

  /**
   * A text construct as an HTML fragment: text ({@code type="text"}, the Atom default) escaped,
   * HTML and XHTML as they are; RSS, which declares nothing, is taken as HTML, as readers take it.
   */
  private static String fragment(SyndContent content, boolean atom) {
    String type = content.getType();
    String value = content.getValue();
    if (type == null) {
      return atom ? Html.escape(value) : value;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.equals("text") || t.equals("text/plain") ? Html.escape(value) : value;
  }

  private static String name(SyndEntry entry, @Nullable String title) {
    if (title != null) {
      return Text.plain(title);
    }
    return entry.getUri() == null ? "(untitled)" : entry.getUri();
  }

  /**
   * The upstream id when it is made to be unique everywhere (an http(s) URL, a {@code tag:} or
   * {@code urn:} URI); else {@code null}, and the article derives its id from its source link: a
   * bare guid such as {@code 12345} could clash with another feed's.
   */
  private static @Nullable String stableId(SyndEntry entry) {
    String uri = nonBlank(entry.getUri());
    if (uri == null || uri.chars().anyMatch(Character::isWhitespace)) {
      return null;
    }
    try {
      URI parsed = new URI(uri.strip());
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      boolean global =
          (scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null
              || (scheme.equals("tag") || scheme.equals("urn"))
                  && parsed.getSchemeSpecificPart().length() > 2;
      return global ? uri.strip() : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private Publication channelPublication(
      FeedDocument doc, @Nullable URI link, URI documentUri, boolean atom) {
    SyndFeed feed = doc.feed;
    String name = titleOf(feed, atom);
    if (name == null) {
      URI named = link != null ? link : documentUri;
      name = Html.escape(named.getHost() != null ? named.getHost() : sourceId);
    }
    Publication.Builder p = Publication.builder(name);
    if (link != null) {
      p.url(link.toString());
    }
    URI self = http(doc.selfLink == null ? null : resolve(doc.base, doc.selfLink));
    URI feedUrl = self != null ? self : http(documentUri);
    if (feedUrl != null) {
      p.feedUrl(feedUrl.toString());
    }
    String language = tag(doc.language);
    if (language != null) {
      p.language(language);
    }
    return p.build();
  }

  /**
   * The publication of an entry that is itself republished: RSS {@code <source url>} (the url is
   * the original's feed) or Atom {@code <source>} (alternate and self links).
   */
  private static @Nullable Publication original(
      @Nullable SyndFeed source, @Nullable URI base, boolean atom) {
    String name = source == null ? null : titleOf(source, atom);
    if (source == null || name == null) {
      return null;
    }
    Publication.Builder p = Publication.builder(name);
    URI home = null;
    URI feedUrl = null;
    if (source.getLinks() == null || source.getLinks().isEmpty()) {
      feedUrl = http(resolve(base, nonBlank(source.getLink())));
    } else {
      for (SyndLink l : source.getLinks()) {
        URI href = http(resolve(base, nonBlank(l.getHref())));
        String rel = l.getRel() == null ? "alternate" : l.getRel();
        if (home == null && rel.equals("alternate")) {
          home = href;
        } else if (feedUrl == null && rel.equals("self")) {
          feedUrl = href;
        }
      }
    }
    if (home != null) {
      p.url(home.toString());
    }
    if (feedUrl != null) {
      p.feedUrl(feedUrl.toString());
    }
    return p.build();
  }

  /** A feed's title as an HTML fragment, or {@code null} when it has no text. */
  private static @Nullable String titleOf(SyndFeed feed, boolean atom) {
    return titleFragment(feed.getTitleEx(), feed.getTitle(), atom);
  }

  /** A title, typed or not, as an HTML fragment; {@code null} when it has no text. */
  private static @Nullable String titleFragment(
      @Nullable SyndContent typed, @Nullable String plain, boolean atom) {
    String title =
        typed != null && nonBlank(typed.getValue()) != null
            ? fragment(typed, atom)
            : nonBlank(plain);
    return title == null || Text.plain(title).isEmpty() ? null : title;
  }

  private static @Nullable DCModule dc(SyndEntry entry) {
    return entry.getModule(DCModule.URI) instanceof DCModule dc ? dc : null;
  }

  /**
   * Persons, then a plain author string and Dublin Core creators, without repeats. Atom person
   * names are plain text; the others are taken as HTML, as readers take them. Names are handed to
   * the article escaped, so that the normalizer's one decoding gives them back as they read.
   */
  private static List<Author> authors(
      @Nullable List<SyndPerson> persons,
      @Nullable String author,
      @Nullable DCModule dc,
      @Nullable URI base,
      boolean atom) {
    Map<String, Author> byName = new LinkedHashMap<>();
    if (persons != null) {
      for (SyndPerson person : persons) {
        add(byName, person.getName(), atom, person.getEmail(), person.getUri(), base);
      }
    }
    if (dc != null && dc.getCreators() != null) {
      for (String creator : dc.getCreators()) {
        add(byName, creator, false, null, null, base);
      }
    }
    add(byName, author, false, null, null, base);
    return List.copyOf(byName.values());
  }

  private static void add(
      Map<String, Author> byName,
      @Nullable String name,
      boolean plainText,
      @Nullable String email,
      @Nullable String uri,
      @Nullable URI base) {
    String n = name == null ? null : plainText ? Text.clean(name) : Text.plain(name);
    String e = email == null || email.isBlank() ? null : email.strip();
    if (n != null) {
      Matcher m = EMAIL_AND_NAME.matcher(n); // RSS <author>: "jd@example.org (Jane Doe)"
      if (m.matches()) {
        n = m.group(2).strip();
        e = e != null ? e : m.group(1);
      }
    }
    if (n == null || n.isEmpty()) {
      n = e;
    }
    if (n == null || n.isEmpty() || byName.containsKey(n.toLowerCase(Locale.ROOT))) {
      return;
    }
    if (e != null && (e.indexOf('@') < 1 || e.chars().anyMatch(Character::isWhitespace))) {
      e = null;
    }
    URI url = http(uri == null ? null : resolve(base, uri));
    byName.put(n.toLowerCase(Locale.ROOT), new Author(Html.escape(n), e, url));
  }

  /** Categories as HTML fragments: an Atom term is plain text, an RSS category taken as HTML. */
  private static String[] categories(SyndEntry entry, boolean atom) {
    Set<String> names = new LinkedHashSet<>();
    for (SyndCategory category : entry.getCategories()) {
      String name = nonBlank(category.getName());
      if (name != null) {
        names.add(atom ? Html.escape(name.strip()) : name.strip());
      }
    }
    return names.toArray(new String[0]);
  }

  /**
   * The content is the first content ({@code content:encoded}, Atom {@code content}), with the
   * description as summary; without content, the description is the content.
   */
  private static void content(SyndEntry entry, Article.Builder b) {
    SyndContent description = entry.getDescription();
    SyndContent content = null;
    for (SyndContent c : entry.getContents()) {
      if (nonBlank(c.getValue()) != null) {
        content = c;
        break;
      }
    }
    if (content == null) {
      b.contentHtml(html(description));
    } else {
      b.contentHtml(html(content));
      b.summary(html(description));
    }
  }

  /** A content's value as HTML: text is escaped, HTML and XHTML are passed as they are. */
  private static @Nullable String html(@Nullable SyndContent content) {
    if (content == null || nonBlank(content.getValue()) == null) {
      return null;
    }
    String type = content.getType() == null ? "text" : content.getType().toLowerCase(Locale.ROOT);
    String value = content.getValue().strip();
    if (!type.equals("text") && !type.equals("text/plain")) {
      return value;
    }
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The first image enclosure, else the first Media RSS image. */
  private static @Nullable Enclosure image(
      SyndEntry entry, FeedDocument.Item item, @Nullable URI base) {
    for (SyndEnclosure e : entry.getEnclosures()) {
      String url = nonBlank(e.getUrl());
      String type = nonBlank(e.getType());
      boolean image =
          type != null ? type.toLowerCase(Locale.ROOT).startsWith("image/") : looksLikeImage(url);
      if (url != null && image) {
        Enclosure enclosure = enclosure(url, type, e.getLength(), base);
        if (enclosure != null) {
          return enclosure;
        }
      }
    }
    return item.mediaImage() == null ? null : enclosure(item.mediaImage(), null, -1, base);
  }

  private static @Nullable Enclosure enclosure(
      String url, @Nullable String type, long length, @Nullable URI base) {
    URI resolved = resolve(base, url);
    String where = resolved != null && resolved.isAbsolute() ? resolved.toString() : url;
    try {
      Enclosure plain = Enclosure.of(where);
      String t = type != null && type.indexOf('/') > 0 ? type.strip() : null;
      return new Enclosure(plain.url(), t, length > 0 ? length : -1);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /** Whether a URL's path ends like an image file. */
  static boolean looksLikeImage(@Nullable String url) {
    if (url == null) {
      return false;
    }
    String path = url.toLowerCase(Locale.ROOT);
    int cut = path.indexOf('?');
    path = cut >= 0 ? path.substring(0, cut) : path;
    return path.endsWith(".jpg")
        || path.endsWith(".jpeg")
        || path.endsWith(".png")
        || path.endsWith(".gif")
        || path.endsWith(".webp")
        || path.endsWith(".avif");
  }

  /** A BCP 47 tag, or {@code null} when the text is none. */
  private static @Nullable String tag(@Nullable String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    try {
      Locale locale =
          new Locale.Builder().setLanguageTag(language.strip().replace('_', '-')).build();
      return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
    } catch (IllformedLocaleException e) {
      return null;
    }
  }

  /**
   * Resolves a reference against a base, once repaired as {@link Urls#parse} repairs it (a host in
   * another script, spaces): {@code null} when it is absent or not a URI reference.
   */
  private static @Nullable URI resolve(@Nullable URI base, @Nullable String reference) {
    URI parsed = reference == null || reference.isBlank() ? null : Urls.parse(reference);
    return parsed == null ? null : FeedDocument.resolve(base, parsed.toString());
  }

  private static @Nullable URI http(@Nullable URI uri) {
    return uri != null && uri.isAbsolute() && isHttp(uri.toString()) && uri.getHost() != null
        ? uri
        : null;
  }

  private static boolean isHttp(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  private static @Nullable URI or(@Nullable URI first, @Nullable URI second) {
    return first != null ? first : second;
  }

  private static @Nullable String nonBlank(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
