/**
 * Shared machinery of the library: text repair, URL handling, the attribution grammar. No
 * compatibility promise: nothing here is part of the API.
 */
@NullMarked
package org.republisher.internal;

import org.jspecify.annotations.NullMarked;
