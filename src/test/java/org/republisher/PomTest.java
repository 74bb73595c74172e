package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a library user pulls: only the core dependencies. What only the command needs (its
 * arguments, YAML, the JDBC drivers, a logging binding) is optional, so it never reaches a user;
 * the enforcer's banned-dependencies rule cannot tell an optional dependency, so this test does.
 */
class PomTest {
  private static final List<String> COMMAND_ONLY = List.of("org.slf4j:slf4j-simple",
      "info.picocli:picocli", "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml",
      "org.xerial:sqlite-jdbc", "org.postgresql:postgresql");

  @Test
  void whatOnlyTheCommandNeedsIsOptionalAndTheOnlyBindingIsSlf4jSimple() throws Exception {
    Map<String, Element> dependencies = dependencies();

    for (String coordinates : COMMAND_ONLY) {
      Element dependency = dependencies.get(coordinates);
      assertThat(dependency).as(coordinates).isNotNull();
      assertThat(text(dependency, "optional")).as(coordinates + " optional").isEqualTo("true");
      assertThat(text(dependency, "scope")).as(coordinates + " scope").isNull();
    }
    assertThat(dependencies.keySet())
        .filteredOn(c -> c.contains("logback") || c.contains("log4j") || c.startsWith("org.slf4j:")
            && !c.equals("org.slf4j:slf4j-api"))
        .containsExactly("org.slf4j:slf4j-simple");
  }

  private static Map<String, Element> dependencies() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile())
        .getDocumentElement();
    Element list = direct(project);
    Map<String, Element> dependencies = new LinkedHashMap<>();
    NodeList nodes = list.getElementsByTagName("dependency");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element dependency = (Element) nodes.item(i);
      dependencies.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
          dependency);
    }
    return dependencies;
  }

  /** Returns the project's own {@code dependencies}, not those of a profile or of management. */
  private static Element direct(Element project) {
    for (var child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals("dependencies")) {
        return e;
      }
    }
    throw new AssertionError("pom.xml has no dependencies");
  }

  private static String text(Element parent, String tag) {
    for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }
}
