package org.republisher;

/**
 * Thrown, or reported in a write result, when one article cannot be published: the message names
 * the article (its id or title) and the field that was wrong.
 *
 * <p>Writers never let this exception escape: they skip the article, report it in the result and go
 * on with the others.
 */
public class InvalidArticleException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  private final String article;

  /**
   * Wraps a rejected value with the article it belongs to.
   *
   * @param article the article's id, or its title when it has no id yet
   * @param cause the rejected value
   */
  public InvalidArticleException(String article, InvalidValueException cause) {
    super("article \"" + article + "\"", cause);
    this.article = article;
  }

  /**
   * Returns the article that was rejected.
   *
   * @return its id, or its title when it had no id
   */
  public String article() {
    return article;
  }
}
