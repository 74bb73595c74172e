package org.republisher.testing;

import static java.util.Map.entry;
import static org.republisher.testing.FeedRules.words;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;

/** Namespaces the W3C validator knows, and the elements it knows in them. */
final class Namespaces {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String ATOM_03 = "http://purl.org/atom/ns#";
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String DCTERMS = "http://purl.org/dc/terms/";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String MEDIA = "http://search.yahoo.com/mrss/";
  static final String XML_NS = XMLConstants.XML_NS_URI;

  /** Namespace URI to its conventional prefix. */
  static final Map<String, String> KNOWN =
      Map.ofEntries(
          entry(ATOM, "atom"),
          entry(XHTML, "xhtml"),
          entry(CONTENT, "content"),
          entry(DC, "dc"),
          entry(DCTERMS, "dcterms"),
          entry(MEDIA, "media"),
          entry("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
          entry("http://purl.org/rss/1.0/modules/syndication/", "sy"),
          entry("http://purl.org/rss/1.0/modules/slash/", "slash"),
          entry("http://wellformedweb.org/CommentAPI/", "wfw"),
          entry("http://purl.org/syndication/thread/1.0", "thr"),
          entry("http://purl.org/syndication/history/1.0", "fh"),
          entry("http://www.georss.org/georss", "georss"),
          entry("http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"),
          entry("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
          entry("http://www.w3.org/2000/01/rdf-schema#", "rdfs"),
          entry("http://www.w3.org/2007/app", "app"),
          entry("http://backend.userland.com/creativeCommonsRssModule", "creativeCommons"),
          entry("http://web.resource.org/cc/", "cc"),
          entry("http://rssnamespace.org/feedburner/ext/1.0", "feedburner"),
          entry("http://a9.com/-/spec/opensearch/1.1/", "opensearch"),
          entry("http://madskills.com/public/xml/rss/module/trackback/", "trackback"),
          entry("http://webns.net/mvcb/", "admin"),
          entry("http://xmlns.com/foaf/0.1/", "foaf"),
          entry("http://www.w3.org/2000/svg", "svg"),
          entry("http://www.w3.org/1998/Math/MathML", "mathml"),
          entry("http://www.w3.org/1999/xlink", "xlink"),
          entry(XML_NS, "xml"));

  /** A prefix that is conventional for a known namespace, to its URI. */
  static final Map<String, String> RESERVED_PREFIXES = invert(KNOWN);

  /** The elements defined in the known namespaces whose vocabulary is checked. */
  static final Map<String, Set<String>> ELEMENTS =
      Map.of(
          ATOM,
          words(
              "author category content contributor email entry feed generator icon id link logo"
                  + " name published rights source subtitle summary title updated uri"),
          DC,
          words(
              "title creator subject description publisher contributor date type format"
                  + " identifier source language relation coverage rights"),
          DCTERMS,
          words(
              "abstract accessRights alternative audience available bibliographicCitation"
                  + " conformsTo contributor coverage created creator date dateAccepted"
                  + " dateCopyrighted dateSubmitted description educationLevel extent format"
                  + " hasFormat hasPart hasVersion identifier isFormatOf isPartOf isReferencedBy"
                  + " isReplacedBy isRequiredBy issued isVersionOf language license mediator"
                  + " medium modified provenance publisher references relation replaces requires"
                  + " rights rightsHolder source spatial subject tableOfContents temporal title"
                  + " type valid"),
          CONTENT,
          Set.of("encoded"),
          MEDIA,
          words(
              "group content rating title description keywords thumbnail category hash player"
                  + " credit copyright text restriction community starRating statistics tags"
                  + " comments comment embed param responses response backLinks backLink status"
                  + " price license subTitle peerLink location rights scenes scene sceneTitle"
                  + " sceneDescription sceneStartTime sceneEndTime"),
          "http://purl.org/rss/1.0/modules/syndication/",
          Set.of("updatePeriod", "updateFrequency", "updateBase"),
          "http://purl.org/rss/1.0/modules/slash/",
          Set.of("section", "department", "comments", "hit_parade"),
          "http://wellformedweb.org/CommentAPI/",
          Set.of("comment", "commentRss"),
          "http://purl.org/syndication/thread/1.0",
          Set.of("in-reply-to", "total"),
          "http://purl.org/syndication/history/1.0",
          Set.of("complete", "archive"));

  private static Map<String, String> invert(Map<String, String> map) {
    Map<String, String> inverted = new HashMap<>();
    map.forEach((uri, prefix) -> inverted.put(prefix, uri));
    return Map.copyOf(inverted);
  }

  private Namespaces() {}
}
