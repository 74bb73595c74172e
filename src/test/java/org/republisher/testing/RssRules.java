package org.republisher.testing;

import static org.republisher.testing.FeedRules.words;
import static org.republisher.testing.Namespaces.ATOM;
import static org.republisher.testing.Namespaces.CONTENT;
import static org.republisher.testing.Namespaces.DC;
import static org.republisher.testing.Namespaces.DCTERMS;
import static org.republisher.testing.Namespaces.XML_NS;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.testing.FeedRules.Report;
import org.republisher.testing.FeedRules.Sink;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The rules of RSS 2.0. */
final class RssRules {
  private final Xml xml;
  private final Report report;
  private final Set<String> guids = new HashSet<>();
  private @Nullable String channelTitle;
  private @Nullable String channelLink;

  private RssRules(Xml xml, Report report) {
    this.xml = xml;
    this.report = report;
  }

  static void check(byte[] bytes, Report report) {
    Xml xml = Xml.parse(bytes, report);
    if (xml == null) {
      return;
    }
    Element root = xml.root();
    if (!Xml.is(root, null, "rss")) {
      report
          .at(root)
          .add("project: NotRss", "root element is <" + root.getTagName() + ">, not <rss>");
      return;
    }
    XmlRules.check(xml, report, false);
    new RssRules(xml, report).rss(root);
  }

  private Sink at(Element element) {
    return report.at(element);
  }

  private void rss(Element rss) {
    container(rss, "version");
    String version = Xml.attribute(rss, "version");
    if (version == null) {
      // W3C MissingAttribute
      at(rss).add("MissingAttribute", "<rss> has no version attribute");
    } else if (!version.equals("2.0")) {
      // W3C InvalidRSSVersion (the W3C also takes 0.91 and 0.92; this project writes 2.0)
      at(rss).add("InvalidRSSVersion", "version=\"" + version + "\", expected \"2.0\"");
    }
    List<Element> channels = Xml.children(rss, null, "channel");
    for (Element child : Xml.children(rss)) {
      if (child.getNamespaceURI() == null && !child.getLocalName().equals("channel")) {
        at(child).add("UndefinedElement", "<rss> holds only <channel>");
      }
    }
    if (channels.isEmpty()) {
      at(rss).add("MissingElement", "no <channel>");
      return;
    }
    if (channels.size() > 1) {
      at(channels.get(1)).add("DuplicateElement", "more than one <channel>");
    }
    channel(channels.get(0));
  }

  private void channel(Element channel) {
    container(channel);
    boolean seenItem = false;
    for (Element child : Xml.children(channel)) {
      String namespace = child.getNamespaceURI();
      String name = child.getLocalName();
      if (namespace == null && name.equals("item")) {
        seenItem = true;
        item(child);
        continue;
      }
      if (seenItem && (namespace == null || Xml.is(child, ATOM, "link"))) {
        // W3C MisplacedItem (RSS Profile): channel metadata comes before the items.
        at(child).add("MisplacedItem", "channel element after the first <item>");
      }
      if (namespace == null) {
        channelElement(child, name);
      } else if (Xml.is(child, ATOM, "link")) {
        AtomRules.link(child, report, false);
      } else if (namespace.equals(CONTENT)) {
        at(child).add("UndefinedElement", "<" + child.getTagName() + "> belongs in an <item>");
      } else if (namespace.equals(DC)) {
        dublinCore(child);
      }
    }
    // W3C MissingTitle, MissingLink, MissingDescription: the three required channel elements.
    required(channel, "title", "MissingTitle");
    required(channel, "link", "MissingLink");
    required(channel, "description", "MissingDescription");
    // W3C DuplicateElement: these appear at most once in a channel.
    noDuplicates(
        channel,
        "DuplicateElement",
        "title link description language copyright managingEditor webMaster pubDate lastBuildDate"
            + " generator docs cloud ttl image rating textInput skipHours skipDays");
    // W3C DuplicateSemantics: a core element and a Dublin Core one that mean the same thing.
    sameMeaning(channel, "DuplicateSemantics", null, "language", DC, "language");
    sameMeaning(channel, "DuplicateSemantics", null, "pubDate", DC, "date");
    sameMeaning(channel, "DuplicateSemantics", null, "managingEditor", DC, "creator");
    sameMeaning(channel, "DuplicateSemantics", null, "category", DC, "subject");
    sameMeaning(channel, "DuplicateSemantics", null, "copyright", DC, "rights");
    sameMeaning(channel, "DuplicateSemantics", null, "webMaster", DC, "publisher");
    sameMeaning(channel, "DuplicateSemantics", null, "lastBuildDate", DCTERMS, "modified");
    // W3C MissingAtomSelfLink: the feed names its own URL (RSS Best Practices Profile).
    boolean self = false;
    for (Element link : Xml.children(channel, ATOM, "link")) {
      self |= "self".equals(Xml.attribute(link, "rel"));
    }
    if (!self) {
      at(channel)
          .add(
              "MissingAtomSelfLink",
              "no <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"...\"/>");
    }
  }

  private void channelElement(Element element, String name) {
    String value = Xml.text(element).strip();
    switch (name) {
      case "title" -> {
        leaf(element);
        channelTitle = value;
        notBlank(element);
        plainText(element);
      }
      case "link" -> {
        leaf(element);
        channelLink = value;
        fullUrl(element, value);
      }
      case "description", "copyright" -> {
        // W3C ContainsHTML: the channel description is plain text (items may hold HTML).
        leaf(element);
        plainText(element);
      }
      case "language" -> {
        leaf(element);
        Values.language(value, "<language>", at(element));
      }
      case "managingEditor", "webMaster" -> {
        leaf(element);
        Values.emailWithName(value, at(element));
      }
      case "pubDate", "lastBuildDate" -> {
        leaf(element);
        Values.rfc822(value, at(element));
      }
      case "category" -> category(element);
      case "generator", "rating" -> leaf(element);
      case "docs" -> {
        leaf(element);
        fullUrl(element, value);
      }
      case "cloud" -> cloud(element);
      case "ttl" -> {
        leaf(element);
        // W3C InvalidPositiveInteger
        if (!Values.isInteger(value) || Long.parseLong(value) <= 0) {
          at(element).add("InvalidPositiveInteger", "<ttl> must be a positive integer");
        }
      }
      case "image" -> image(element);
      case "textInput" -> {
        container(element);
        // W3C AvoidTextInput (RSS Profile): few readers support it.
        at(element).add("AvoidTextInput", "avoid <textInput>");
      }
      case "skipHours" -> skipHours(element);
      case "skipDays" -> skipDays(element);
      default ->
          // W3C UndefinedElement: not an RSS 2.0 channel element (a typo, or a missing prefix).
          at(element).add("UndefinedElement", "<" + name + "> is not an RSS 2.0 element");
    }
  }

  private void item(Element item) {
    container(item);
    boolean seenDescription = false;
    for (Element child : Xml.children(item)) {
      String namespace = child.getNamespaceURI();
      String name = child.getLocalName();
      String value = Xml.text(child).strip();
      if (namespace == null) {
        switch (name) {
          case "title" -> {
            leaf(child);
            notBlank(child);
            plainText(child);
          }
          case "link" -> {
            leaf(child);
            httpLink(child, value);
          }
          case "description" -> {
            leaf(child);
            seenDescription = true;
            Markup.html(Xml.text(child), at(child));
          }
          case "author" -> {
            // W3C InvalidContact: author is an e-mail address; a name goes in dc:creator.
            leaf(child);
            Values.emailWithName(value, at(child));
          }
          case "category" -> category(child);
          case "comments" -> {
            leaf(child);
            fullUrl(child, value);
          }
          case "enclosure" -> enclosure(child);
          case "guid" -> guid(child);
          case "pubDate" -> {
            leaf(child);
            Values.rfc822(value, at(child));
          }
          case "source" -> source(child);
          default ->
              at(child).add("UndefinedElement", "<" + name + "> is not an RSS 2.0 element");
        }
      } else if (Xml.is(child, CONTENT, "encoded")) {
        if (!seenDescription) {
          // W3C NeedDescriptionBeforeContent (RSS Profile)
          at(child)
              .add(
                  "NeedDescriptionBeforeContent",
                  "<content:encoded> without a <description> before it");
        }
        Markup.html(Xml.text(child), at(child));
      } else if (namespace.equals(DC)) {
        dublinCore(child);
      } else if (Xml.is(child, ATOM, "link")) {
        AtomRules.link(child, report, true);
      }
    }
    if (Xml.child(item, null, "title") == null && Xml.child(item, null, "description") == null) {
      // W3C ItemMustContainTitleOrDescription
      at(item)
          .add("ItemMustContainTitleOrDescription", "an item needs a <title> or a <description>");
    }
    if (Xml.child(item, null, "guid") == null) {
      // W3C MissingGuid: without one, readers show the item again whenever it changes.
      at(item).add("MissingGuid", "no <guid>: readers cannot tell this item from a new one");
    }
    // W3C DuplicateElement and DuplicateEnclosure
    noDuplicates(
        item, "DuplicateElement", "title link description author comments guid pubDate source");
    noDuplicates(item, "DuplicateEnclosure", "enclosure");
    List<Element> encoded = Xml.children(item, CONTENT, "encoded");
    if (encoded.size() > 1) {
      at(encoded.get(1)).add("DuplicateElement", "more than one <content:encoded>");
    }
    // W3C DuplicateItemSemantics: a core element and an extension one meaning the same thing.
    sameMeaning(item, "DuplicateItemSemantics", null, "author", DC, "creator");
    sameMeaning(item, "DuplicateItemSemantics", null, "category", DC, "subject");
    sameMeaning(item, "DuplicateItemSemantics", null, "pubDate", DC, "date");
    sameMeaning(item, "DuplicateItemSemantics", null, "source", DC, "source");
    sameMeaning(item, "DuplicateItemSemantics", null, "guid", ATOM, "id");
    sameMeaning(item, "DuplicateItemSemantics", null, "pubDate", ATOM, "published");
  }

  private void guid(Element guid) {
    leaf(guid, "isPermaLink");
    Sink sink = at(guid);
    String value = Xml.text(guid).strip();
    String isPermaLink = Xml.attribute(guid, "isPermaLink");
    boolean permalink = true;
    if (isPermaLink != null) {
      if (!isPermaLink.equals("true") && !isPermaLink.equals("false")) {
        // W3C InvalidBooleanAttribute
        sink.add(
            "InvalidBooleanAttribute",
            "isPermaLink=\"" + isPermaLink + "\": only \"true\" or \"false\"");
      }
      permalink = isPermaLink.equals("true");
    }
    if (value.isEmpty()) {
      sink.add("NotBlank", "empty <guid>");
      return;
    }
    if (permalink) {
      // W3C InvalidHttpGUID: a guid that is a permalink (the default) is a full URL ...
      if (Values.uri(value, false, "InvalidHttpGUID", "InvalidHttpGUID", sink)) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tag:") || lower.startsWith("urn:uuid:")) {
          // ... W3C InvalidPermalink: and not an identifier readers cannot open.
          sink.add(
              "InvalidPermalink",
              "guid \"" + value + "\" is not a link: add isPermaLink=\"false\"");
        }
      }
    } else if (value.length() < 9 && value.chars().allMatch(Character::isDigit)) {
      // W3C NotSufficientlyUnique
      sink.add("NotSufficientlyUnique", "guid \"" + value + "\" is too short to be unique");
    }
    if (!guids.add(value)) {
      // W3C DuplicateValue: readers take both items for one.
      sink.add("DuplicateValue", "guid \"" + value + "\" is already the guid of an earlier item");
    }
  }

  private void source(Element source) {
    leaf(source, "url");
    plainText(source);
    String url = Xml.attribute(source, "url");
    if (url == null) {
      // W3C MissingAttribute
      at(source).add("MissingAttribute", "<source> has no url attribute");
    } else {
      Values.uri(url.strip(), false, "InvalidFullLink", "InvalidFullLink", at(source));
    }
  }

  private void enclosure(Element enclosure) {
    empty(enclosure, "url", "length", "type");
    Sink sink = at(enclosure);
    String url = Xml.attribute(enclosure, "url");
    String length = Xml.attribute(enclosure, "length");
    String type = Xml.attribute(enclosure, "type");
    // W3C MissingAttribute: an enclosure has url, length and type.
    if (url == null) {
      sink.add("MissingAttribute", "<enclosure> has no url attribute");
    } else if (!Values.isHttpUrl(url)) {
      // W3C InvalidURLAttribute
      sink.add("InvalidURLAttribute", "enclosure url \"" + url + "\" is not an http(s) URL");
    }
    if (length == null) {
      sink.add("MissingAttribute", "<enclosure> has no length attribute");
    } else if (!Values.isInteger(length.strip())) {
      // W3C InvalidIntegerAttribute
      sink.add(
          "InvalidIntegerAttribute", "enclosure length \"" + length + "\" is not an integer");
    } else if (Long.parseLong(length.strip()) == -1) {
      // W3C UseZeroForUnknown
      sink.add("UseZeroForUnknown", "enclosure length -1: use 0 for an unknown length");
    } else if (Long.parseLong(length.strip()) < 0) {
      // W3C InvalidNonNegativeInteger
      sink.add("InvalidNonNegativeInteger", "enclosure length " + length + " is negative");
    }
    if (type == null) {
      sink.add("MissingAttribute", "<enclosure> has no type attribute");
    } else if (!Values.isMimeType(type)) {
      // W3C InvalidMIMEAttribute
      sink.add("InvalidMIMEAttribute", "enclosure type \"" + type + "\" is not a MIME type");
    }
  }

  private void category(Element category) {
    leaf(category, "domain");
    // W3C NotBlank and ContainsHTML
    notBlank(category);
    plainText(category);
  }

  private void image(Element image) {
    container(image);
    for (Element child : Xml.children(image)) {
      if (child.getNamespaceURI() != null) {
        continue;
      }
      String value = Xml.text(child).strip();
      Sink sink = at(child);
      switch (child.getLocalName()) {
        case "url" -> {
          leaf(child);
          if (fullUrl(child, value)) {
            String extension =
                value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (extension.matches("\\w+")
                && !Set.of("jpg", "jpeg", "gif", "png").contains(extension)) {
              // W3C ImageUrlFormat: readers expect a JPEG, GIF or PNG.
              sink.add("ImageUrlFormat", "image url \"" + value + "\" is not a JPEG, GIF or PNG");
            }
          }
        }
        case "title" -> {
          leaf(child);
          notBlank(child);
          plainText(child);
          if (channelTitle != null && !channelTitle.equals(value)) {
            // W3C ImageTitleDoesntMatch (RSS Profile)
            sink.add("ImageTitleDoesntMatch", "image title differs from the channel title");
          }
        }
        case "link" -> {
          leaf(child);
          fullUrl(child, value);
          if (channelLink != null && !channelLink.equals(value)) {
            // W3C ImageLinkDoesntMatch
            sink.add("ImageLinkDoesntMatch", "image link differs from the channel link");
          }
        }
        case "width" -> boundedInteger(child, 144, "InvalidWidth");
        case "height" -> boundedInteger(child, 400, "InvalidHeight");
        case "description" -> {
          leaf(child);
          plainText(child);
        }
        default ->
            sink.add(
                "UndefinedElement", "<" + child.getLocalName() + "> is not an image element");
      }
    }
    // W3C MissingTitle, MissingElement (url), MissingLink
    required(image, "title", "MissingTitle");
    required(image, "url", "MissingElement");
    required(image, "link", "MissingLink");
    noDuplicates(image, "DuplicateElement", "url title link width height description");
  }

  private void boundedInteger(Element element, int max, String rule) {
    leaf(element);
    String value = Xml.text(element).strip();
    if (!Values.isInteger(value) || Long.parseLong(value) <= 0 || Long.parseLong(value) > max) {
      // W3C InvalidWidth / InvalidHeight
      at(element)
          .add(
              rule,
              "<" + element.getLocalName() + "> must be 1 to " + max + ", not \"" + value + "\"");
    }
  }

  private void cloud(Element cloud) {
    empty(cloud, "domain", "port", "path", "registerProcedure", "protocol");
    for (String attribute : List.of("domain", "port", "path", "registerProcedure", "protocol")) {
      if (Xml.attribute(cloud, attribute) == null) {
        at(cloud).add("MissingAttribute", "<cloud> has no " + attribute + " attribute");
      }
    }
    String port = Xml.attribute(cloud, "port");
    if (port != null && (!Values.isInteger(port) || Long.parseLong(port) <= 0)) {
      at(cloud)
          .add(
              "InvalidIntegerAttribute", "cloud port \"" + port + "\" is not a positive integer");
    }
  }

  private void skipHours(Element skipHours) {
    container(skipHours);
    List<Element> hours = Xml.children(skipHours, null, "hour");
    for (Element hour : hours) {
      leaf(hour);
      String value = Xml.text(hour).strip();
      if (!Values.isInteger(value) || Long.parseLong(value) < 0 || Long.parseLong(value) > 23) {
        // W3C InvalidHour
        at(hour).add("InvalidHour", "hour \"" + value + "\" is not 0 to 23");
      }
    }
    if (hours.size() > 24) {
      // W3C NotEnoughHoursInTheDay
      at(skipHours).add("NotEnoughHoursInTheDay", "more than 24 hours");
    }
  }

  private void skipDays(Element skipDays) {
    container(skipDays);
    Set<String> names = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday");
    List<Element> days = Xml.children(skipDays, null, "day");
    for (Element day : days) {
      leaf(day);
      if (!names.contains(Xml.text(day).strip())) {
        // W3C InvalidDay
        at(day)
            .add("InvalidDay", "day \"" + Xml.text(day).strip() + "\" is not Monday to Sunday");
      }
    }
    if (days.size() > 7) {
      // W3C EightDaysAWeek
      at(skipDays).add("EightDaysAWeek", "more than 7 days");
    }
  }

  private void dublinCore(Element element) {
    String value = Xml.text(element).strip();
    switch (element.getLocalName()) {
      case "date" -> Values.w3cdtf(value, at(element));
      case "language" -> Values.language(value, "<dc:language>", at(element));
      default -> {}
    }
  }

  /** W3C InvalidFullLink: an absolute URL (ASCII: RSS has no IRIs). */
  private boolean fullUrl(Element element, String value) {
    return Values.uri(value, false, "InvalidFullLink", "InvalidFullLink", at(element));
  }

  /** An item link: W3C InvalidFullLink, and project: http(s) only, which readers can open. */
  private void httpLink(Element element, String value) {
    if (fullUrl(element, value)) {
      String scheme = Values.scheme(value);
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        at(element).add("project: NotHttpLink", "item link \"" + value + "\" is not http(s)");
      }
    }
  }

  /** W3C ContainsHTML / CharacterData: plain text that readers may take for markup. */
  private void plainText(Element element) {
    boolean hexReferences = xml.rawLine(Xml.line(element)).contains("&#x");
    Markup.plainText(Xml.text(element), true, hexReferences, "ContainsHTML", at(element));
  }

  /** W3C NotBlank */
  private void notBlank(Element element) {
    if (Xml.text(element).isBlank()) {
      at(element).add("NotBlank", "<" + element.getLocalName() + "> should not be blank");
    }
  }

  /** W3C MissingTitle/MissingLink/MissingDescription/MissingElement */
  private void required(Element parent, String name, String rule) {
    if (Xml.child(parent, null, name) == null) {
      at(parent).add(rule, "no <" + name + ">");
    }
  }

  private void noDuplicates(Element parent, String rule, String names) {
    for (String name : words(names)) {
      List<Element> found = Xml.children(parent, null, name);
      if (found.size() > 1) {
        at(found.get(1)).add(rule, "more than one <" + name + ">");
      }
    }
  }

  private void sameMeaning(
      Element parent,
      String rule,
      @Nullable String namespace,
      String name,
      String otherNamespace,
      String otherName) {
    Element core = Xml.child(parent, namespace, name);
    Element other = Xml.child(parent, otherNamespace, otherName);
    if (core != null && other != null) {
      at(other)
          .add(
              rule,
              "<"
                  + core.getTagName()
                  + "> and <"
                  + other.getTagName()
                  + "> mean the same thing: keep one");
    }
  }

  /** A core element with children: W3C UnexpectedText for text, and its attributes. */
  private void container(Element element, String... attributes) {
    attributes(element, Set.of(attributes));
    if (Xml.hasText(element)) {
      at(element).add("UnexpectedText", "text directly inside <" + element.getLocalName() + ">");
    }
  }

  /** A core element with text only: W3C UndefinedElement for children, and its attributes. */
  private void leaf(Element element, String... attributes) {
    attributes(element, Set.of(attributes));
    for (Element child : Xml.children(element)) {
      at(child)
          .add(
              "UndefinedElement",
              "<" + child.getTagName() + "> inside <" + element.getLocalName() + ">");
    }
  }

  /** A core element that holds nothing: both of the above. */
  private void empty(Element element, String... attributes) {
    leaf(element, attributes);
    if (Xml.hasText(element)) {
      at(element).add("UnexpectedText", "text inside <" + element.getLocalName() + ">");
    }
  }

  /** W3C UnexpectedAttribute and UseOfExtensionAttr on a core (no namespace) element. */
  private void attributes(Element element, Set<String> allowed) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      String namespace = attribute.getNamespaceURI();
      String name = attribute.getLocalName();
      if (XML_NS.equals(namespace)) {
        continue;
      }
      if (namespace == null ? !allowed.contains(name) : Namespaces.KNOWN.containsKey(namespace)) {
        at(element)
            .add(
                "UnexpectedAttribute",
                "unexpected attribute "
                    + attribute.getNodeName()
                    + " on <"
                    + element.getLocalName()
                    + ">");
      } else if (namespace != null) {
        at(element)
            .add(
                "UseOfExtensionAttr",
                "extension attribute " + attribute.getNodeName() + " on a core RSS element");
      }
    }
  }
}
