package org.republisher.testing;

import static org.republisher.testing.FeedRules.words;
import static org.republisher.testing.Namespaces.XHTML;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;
import org.republisher.testing.FeedRules.Sink;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Markup: plain text that must not look like HTML, and HTML that must be safe. */
final class Markup {
  /** HTML element names: anything else in HTML content is W3C NotHtml. */
  private static final Set<String> HTML_ELEMENTS =
      words(
          "a abbr acronym address applet area article aside audio b base basefont bdi bdo big"
              + " blockquote body br button canvas caption center cite code col colgroup data"
              + " datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption"
              + " figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr"
              + " html i iframe img input ins isindex kbd label legend li link main map mark menu"
              + " meta meter nav noframes noscript object ol optgroup option output p param"
              + " picture pre progress q rp rt ruby s samp script section select slot small"
              + " source span strike strong style sub summary sup table tbody td template"
              + " textarea tfoot th thead time title tr track tt u ul var video wbr xmp plaintext"
              + " listing");

  /** HTML elements the W3C flags as SecurityRisk: scripts, frames, plug-ins, page structure. */
  private static final Set<String> UNSAFE_ELEMENTS =
      words(
          "applet base basefont body embed frame frameset head html iframe isindex link meta"
              + " noframes object param script slot style title xmp plaintext listing");

  /** Attributes known to be harmless; others are W3C SecurityRiskAttr (data-* excepted). */
  private static final Set<String> SAFE_ATTRIBUTES =
      words(
          "abbr accept accept-charset accesskey action align alt autocomplete autoplay axis"
              + " crossorigin decoding itemid itemprop itemref itemscope itemtype referrerpolicy"
              + " spellcheck bgcolor border cellpadding cellspacing char charoff charset checked"
              + " cite class clear color cols colspan compact coords datetime default dir"
              + " disabled download enctype face for headers height hidden high href hreflang"
              + " hspace id ismap kind label lang list loading loop low max maxlength media"
              + " method min multiple muted name nohref noshade nowrap open optimum pattern"
              + " placeholder poster preload readonly rel required rev reversed rows rowspan"
              + " rules scope selected shape size sizes span src srclang srcset start step"
              + " summary tabindex target title translate type usemap valign value vspace width"
              + " xml:lang xmlns");

  /** Attributes that hold URLs: relative ones are W3C ContainsRelRef. */
  private static final Set<String> URL_ATTRIBUTES =
      words("href src cite poster action formaction background longdesc data srcset");

  private static final Set<String> SAFE_CSS_PROPERTIES =
      words(
          "background background-color border border-bottom border-bottom-color"
              + " border-bottom-style border-bottom-width border-collapse border-color"
              + " border-left border-left-color border-left-style border-left-width border-right"
              + " border-right-color border-right-style border-right-width border-spacing"
              + " border-style border-top border-top-color border-top-style border-top-width"
              + " border-width clear color cursor direction display float font font-family"
              + " font-size font-style font-variant font-weight height letter-spacing line-height"
              + " list-style-type margin margin-bottom margin-left margin-right margin-top"
              + " overflow padding padding-bottom padding-left padding-right padding-top"
              + " text-align text-decoration text-indent unicode-bidi vertical-align white-space"
              + " width");
  private static final Set<String> CSS_KEYWORDS =
      words(
          "auto none transparent solid dashed dotted collapse medium !important left right top"
              + " bottom center black white gray silver red maroon green lime olive yellow navy"
              + " blue teal aqua fuchsia purple brown");
  private static final Pattern CSS_VALUE =
      Pattern.compile(
          "#[0-9a-f]{3,8}|rgb\\([\\d\\s.,%]+\\)|-?\\d*\\.?\\d+(?:px|em|ex|pt|pc|cm|mm|in|%)?");
  private static final Pattern END_TAG = Pattern.compile("</(\\w+)>");
  private static final Pattern START_TAG = Pattern.compile("<(\\w+)(?:\\s[^<>]*)?/?>");
  private static final Pattern ENTITY = Pattern.compile("&(#?\\w+)");
  private static final Pattern RSS_CHARACTER_DATA = Pattern.compile("&#[x0-9]|<[/a-zA-Z]");

  /**
   * Plain text (W3C "nonhtml"): no HTML tags (ContainsHTML; the W3C looks at end tags, this
   * project at start tags too), no entity reference left in the decoded text (escaped twice), and
   * in RSS no "&lt;" before a letter (CharacterData, RSS Profile). As the W3C does, the last two
   * are not reported when the element's source line holds a hexadecimal reference.
   */
  static void plainText(String text, boolean rss, boolean hexReferences, String rule, Sink sink) {
    for (Pattern tag : List.of(END_TAG, START_TAG)) {
      Matcher matcher = tag.matcher(text);
      while (matcher.find()) {
        if (HTML_ELEMENTS.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
          sink.add(
              rule,
              "plain text contains HTML markup " + matcher.group() + ": readers show it as is");
          return;
        }
      }
    }
    if (hexReferences) {
      return;
    }
    Matcher entity = ENTITY.matcher(text);
    while (entity.find()) {
      String name = entity.group(1);
      if (name.startsWith("#")
          || name.equals("apos")
          || Entities.isNamedEntity(name)
          || !name.chars().allMatch(Character::isLetter)) {
        sink.add(
            rule, "plain text contains the entity reference &" + name + "; (escaped twice?)");
        return;
      }
    }
    if (rss && RSS_CHARACTER_DATA.matcher(text).find()) {
      // W3C CharacterData (RSS Profile): readers may take "<" before a letter for markup.
      sink.add(
          "CharacterData",
          "plain text contains \"<\" before a letter or \"&#\": encode \"<\" as &#x3C; and \"&\""
              + " as &#x26;");
    }
  }

  /**
   * HTML content (W3C "safeHtml"): valid HTML (NotHtml), no unsafe element (SecurityRisk), no
   * unsafe attribute (SecurityRiskAttr, DangerousStyleAttr), no relative URL (ContainsRelRef),
   * and project: no javascript: URL.
   */
  static void html(String html, Sink sink) {
    if (html.toLowerCase(Locale.ROOT).contains("<?import")) {
      sink.add("SecurityRisk", "content contains <?import");
    }
    Parser parser = Parser.htmlParser().setTrackErrors(20);
    List<org.jsoup.nodes.Node> nodes =
        parser.parseFragmentInput(html, new org.jsoup.nodes.Element("body"), "");
    ParseErrorList errors = parser.getErrors();
    if (!errors.isEmpty()) {
      sink.add(
          "NotHtml",
          "invalid HTML: "
              + errors.get(0).getErrorMessage()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
    for (org.jsoup.nodes.Node node : nodes) {
      if (node instanceof org.jsoup.nodes.Element top) {
        for (org.jsoup.nodes.Element element : top.getAllElements()) {
          String tag = element.normalName();
          if (checkElement(tag, sink)) {
            for (Attribute attribute : element.attributes()) {
              checkAttribute(tag, attribute.getKey(), attribute.getValue(), sink);
            }
          }
        }
      }
    }
  }

  /** XHTML content inside an Atom xhtml:div, with the same rules as HTML. */
  static void xhtml(Element element, Sink sink) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      if (attribute.getNamespaceURI() == null) {
        checkAttribute(
            element.getLocalName(), attribute.getLocalName(), attribute.getNodeValue(), sink);
      }
    }
    for (Element child : Xml.children(element)) {
      if (!XHTML.equals(child.getNamespaceURI())) {
        // W3C NotHtml: only XHTML inside the div.
        sink.add(
            "NotHtml",
            "<"
                + child.getTagName()
                + "> from namespace "
                + child.getNamespaceURI()
                + " in xhtml content");
      } else if (checkElement(child.getLocalName(), sink)) {
        xhtml(child, sink);
      }
    }
  }

  /**
   * W3C NotHtml and SecurityRisk; returns whether the element's attributes are worth checking.
   */
  private static boolean checkElement(String tag, Sink sink) {
    if (!HTML_ELEMENTS.contains(tag)) {
      sink.add("NotHtml", "<" + tag + "> is not an HTML element");
      return false;
    }
    if (UNSAFE_ELEMENTS.contains(tag)) {
      sink.add("SecurityRisk", "<" + tag + "> is not safe in feed content");
    }
    return true;
  }

  private static void checkAttribute(String tag, String attribute, String value, Sink sink) {
    String name = attribute.toLowerCase(Locale.ROOT);
    if (name.equals("style")) {
      if (dangerousStyle(value)) {
        // W3C DangerousStyleAttr
        sink.add(
            "DangerousStyleAttr",
            "style=\"" + value + "\" on <" + tag + "> is not known to be safe");
      }
    } else if (!SAFE_ATTRIBUTES.contains(name) && !name.startsWith("data-")) {
      // W3C SecurityRiskAttr: event handlers (on*) above all.
      sink.add(
          "SecurityRiskAttr",
          "attribute " + name + " on <" + tag + "> is not safe in feed content");
    }
    if (URL_ATTRIBUTES.contains(name)) {
      List<String> urls = new ArrayList<>();
      if (name.equals("srcset")) {
        for (String candidate : value.split(",")) {
          if (!candidate.isBlank()) {
            urls.add(candidate.strip().split("\\s+")[0]);
          }
        }
      } else {
        urls.add(value);
      }
      for (String url : urls) {
        checkUrl(tag, name, url, sink);
      }
    }
  }

  private static void checkUrl(String tag, String attribute, String url, Sink sink) {
    // Browsers ignore control characters and spaces inside a scheme: so must this check.
    String scheme = Values.scheme(url.replaceAll("[\\x00-\\x20]", ""));
    if (scheme == null) {
      // W3C ContainsRelRef: readers resolve relative URLs against their own page, not ours.
      sink.add(
          "ContainsRelRef", attribute + "=\"" + url + "\" on <" + tag + "> is a relative URL");
    } else if (scheme.equals("javascript") || scheme.equals("vbscript")) {
      sink.add(
          "project: ScriptURL", attribute + "=\"" + url + "\" on <" + tag + "> runs a script");
    } else if (scheme.equals("data") && !Set.of("src", "srcset", "poster").contains(attribute)) {
      sink.add(
          "project: ScriptURL", attribute + "=\"" + url + "\" on <" + tag + "> is a data: URL");
    }
  }

  /** The W3C's idea of a safe inline style: simple properties, plain values, no url(). */
  private static boolean dangerousStyle(String style) {
    String css = style.toLowerCase(Locale.ROOT);
    for (String danger :
        List.of(
            "url(", "expression", "javascript:", "@import", "behavior", "\\", "/*", "<", ">")) {
      if (css.contains(danger)) {
        return true;
      }
    }
    for (String declaration : css.split(";")) {
      if (declaration.isBlank()) {
        continue;
      }
      int colon = declaration.indexOf(':');
      if (colon < 0) {
        return true;
      }
      String property = declaration.substring(0, colon).strip();
      String value = declaration.substring(colon + 1).strip();
      if (!SAFE_CSS_PROPERTIES.contains(property) || value.contains(":")) {
        return true;
      }
      if (Set.of("background", "border", "margin", "padding").contains(property.split("-")[0])) {
        for (String token : value.split("\\s+")) {
          if (!CSS_KEYWORDS.contains(token) && !CSS_VALUE.matcher(token).matches()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
