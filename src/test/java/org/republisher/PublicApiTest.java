package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface: every public type of an exported package is listed in the README's "Public
 * API" section, one line per type, and public types outside the exported packages are only the
 * pinned machinery of {@code org.republisher.internal}. The exported packages are read from the
 * compiled {@code module-info}, so exporting a new package is a change there, not here.
 */
class PublicApiTest {
  /** The compiled main classes, {@code target/classes}. */
  static final Path CLASSES = classes();

  /**
   * The public types of the hidden package: machinery the API packages share, unreachable on the
   * module path. A new one needs a reason: make it package-private if you can.
   */
  static final Set<String> INTERNAL_PUBLIC_TYPES =
      Set.of(
          "org.republisher.cli.Main", // the command's entry point, run from its own jar
          "org.republisher.internal.AttributionText",
          "org.republisher.internal.AttributionText.Found",
          "org.republisher.internal.AttributionText.Reading",
          "org.republisher.internal.Checks",
          "org.republisher.internal.Dates",
          "org.republisher.internal.Destinations",
          "org.republisher.internal.History",
          "org.republisher.internal.History.Entry",
          "org.republisher.internal.History.Fetch",
          "org.republisher.internal.History.Recorded",
          "org.republisher.internal.History.Validators",
          "org.republisher.internal.HostResolver",
          "org.republisher.internal.Html",
          "org.republisher.internal.Html.Clean",
          "org.republisher.internal.HttpFetcher",
          "org.republisher.internal.HttpFetcher.Builder",
          "org.republisher.internal.HttpFetcher.Headers",
          "org.republisher.internal.HttpFetcher.RedirectRule",
          "org.republisher.internal.HttpFetcher.Response",
          "org.republisher.internal.HttpFetcher.Validators",
          "org.republisher.internal.Iris",
          "org.republisher.internal.LongSet",
          "org.republisher.internal.NormalizedArticle",
          "org.republisher.internal.NormalizedArticle.Image",
          "org.republisher.internal.NormalizedArticle.Person",
          "org.republisher.internal.NormalizedArticle.Source",
          "org.republisher.internal.Normalizer",
          "org.republisher.internal.Text",
          "org.republisher.internal.Upstream",
          "org.republisher.internal.Urls");

  private static final Pattern API_LINE = Pattern.compile("^- `([a-z][\\w.]*\\.[A-Z][\\w.]*)`");

  static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void everyPublicTypeOfTheApiIsListedInTheReadmeAndNothingElse() throws IOException {
    Set<String> exported = exportedPackages();
    Set<String> api =
        publicTypes().stream()
            .filter(type -> exported.contains(packageOf(type)))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed = readmeApi();

    assertThat(api).as("public types of the exported packages").isNotEmpty();
    assertThat(difference(api, listed))
        .as("public types missing from the README's Public API section (one line each)")
        .isEmpty();
    assertThat(difference(listed, api))
        .as("README Public API lines naming no public type of an exported package")
        .isEmpty();
  }

  @Test
  void publicTypesOutsideTheApiPackagesAreOnlyThePinnedMachinery() throws IOException {
    Set<String> exported = exportedPackages();
    Set<String> hidden =
        publicTypes().stream()
            .filter(type -> !exported.contains(packageOf(type)))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(difference(hidden, INTERNAL_PUBLIC_TYPES))
        .as(
            "public types in packages module-info does not export: make them package-private,"
                + " or export their package (and list them in the README), or, for machinery"
                + " of org.republisher.internal that must be public, pin them in"
                + " INTERNAL_PUBLIC_TYPES")
        .isEmpty();
    assertThat(difference(INTERNAL_PUBLIC_TYPES, hidden))
        .as("pinned types that are gone or no longer public: unpin them")
        .isEmpty();
  }

  @Test
  void theScanFindsNestedTypesAndLeavesPackagePrivateOnesOut() throws IOException {
    Set<String> types = publicTypes();

    assertThat(types)
        .contains("org.republisher.model.Article.Builder", "org.republisher.Republisher")
        .doesNotContain(
            "org.republisher.write.RssWriter", "org.republisher.source.FeedMapping");
  }

  private static Set<String> exportedPackages() throws IOException {
    return descriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }

  /** Public top-level types and public member types of public types, by canonical name. */
  static Set<String> publicTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString();
        if (name.equals("module-info.class") || name.endsWith("package-info.class")) {
          continue;
        }
        String binary = name.substring(0, name.length() - 6).replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type;
        try {
          type = Class.forName(binary, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(binary, e);
        }
        if (isPublicApi(type)) {
          types.add(type.getCanonicalName());
        }
      }
    }
    return types;
  }

  private static boolean isPublicApi(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** The types named by the lines of the README's "Public API" section. */
  private static Set<String> readmeApi() throws IOException {
    String readme = Files.readString(Path.of("README.md"), UTF_8);
    int start = readme.indexOf("\n## Public API\n");
    assertThat(start).as("README has a \"## Public API\" section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> listed = new TreeSet<>();
    for (String line : section.lines().toList()) {
      Matcher m = API_LINE.matcher(line);
      if (m.find()) {
        assertThat(listed.add(m.group(1))).as("listed twice: " + m.group(1)).isTrue();
      }
    }
    return listed;
  }

  private static String packageOf(String canonicalName) {
    String[] parts = canonicalName.split("\\.");
    StringBuilder p = new StringBuilder();
    for (String part : parts) {
      if (Character.isUpperCase(part.charAt(0))) {
        break;
      }
      p.append(p.length() == 0 ? "" : ".").append(part);
    }
    return p.toString();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static Path classes() {
    try {
      return Path.of(Republisher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
