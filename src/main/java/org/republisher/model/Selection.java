package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which articles a feed takes: those of some publications, categories or languages. Each non-empty
 * set must match; an empty set matches everything, so {@link #ALL} takes every article. Names and
 * categories match without regard to case; a language matches its subtags too ({@code ar} matches
 * {@code ar-MA}). Immutable and thread-safe.
 *
 * @param publications publication names, any of which matches; empty for all
 * @param categories categories, any of which matches; empty for all
 * @param languages BCP 47 language tags, any of which matches; empty for all
 */
public record Selection(Set<String> publications, Set<String> categories, Set<String> languages) {

  /** Every article. */
  public static final Selection ALL = new Selection(Set.of(), Set.of(), Set.of());

  /** Checks and copies the sets, folding case. */
  public Selection {
    publications = folded(notNull(publications, "publications"));
    categories = folded(notNull(categories, "categories"));
    languages = folded(notNull(languages, "languages"));
  }

  /**
   * Returns the selection of one publication's articles.
   *
   * @param name the publication's name
   * @return the selection
   */
  public static Selection publication(String name) {
    return new Selection(Set.of(name), Set.of(), Set.of());
  }

  /**
   * Returns true when an article with these values is selected.
   *
   * @param publication the article's publication name, or {@code null}
   * @param language the article's language tag, or {@code null}
   * @param articleCategories the article's categories
   * @return whether the feed takes it
   */
  public boolean matches(
      @Nullable String publication, @Nullable String language, List<String> articleCategories) {
    if (!publications.isEmpty()
        && (publication == null || !publications.contains(fold(publication)))) {
      return false;
    }
    if (!languages.isEmpty() && (language == null || !languageMatches(fold(language)))) {
      return false;
    }
    if (!categories.isEmpty()) {
      for (String category : articleCategories) {
        if (categories.contains(fold(category))) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /**
   * Returns true when the article is selected, by its publication, effective language and
   * categories as given.
   *
   * @param article the article
   * @return whether the feed takes it
   */
  public boolean matches(Article article) {
    Publication publication = article.publication();
    return matches(
        publication == null ? null : publication.name(),
        article.effectiveLanguage(),
        article.categories());
  }

  private boolean languageMatches(String tag) {
    for (String wanted : languages) {
      if (tag.equals(wanted) || tag.startsWith(wanted + "-")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> folded(Set<String> values) {
    Set<String> folded = new TreeSet<>();
    for (String value : values) {
      folded.add(fold(notNull(value, "selection element")));
    }
    return Set.copyOf(folded);
  }

  private static String fold(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
