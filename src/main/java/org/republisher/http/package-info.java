/**
 * Serving feeds to readers over HTTP, in any Java web stack or on its own.
 *
 * <p>{@link org.republisher.http.FeedResponder} answers a request for one of a set of rendered
 * {@link org.republisher.write.FeedFile}s: method, path and headers in ({@link
 * org.republisher.http.FeedRequest}), status, headers and body out ({@link
 * org.republisher.http.FeedResponse}). It does conditional GET (ETag, Last-Modified, 304), serves
 * gzip to readers that accept it, and swaps in a new set of files atomically, reporting which ones
 * changed. A servlet, a Spring MVC controller or a Javalin handler calls it in a few lines; {@link
 * org.republisher.http.FeedServer} runs it on the JDK's own HTTP server. {@link
 * org.republisher.http.WebSubPublisher} tells a WebSub hub which feeds changed, so readers get them
 * in seconds instead of at their next poll.
 */
@NullMarked
package org.republisher.http;

import org.jspecify.annotations.NullMarked;
