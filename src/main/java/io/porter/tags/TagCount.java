package io.porter.tags;

/** A tag of the workspace and how many contacts have it. */
public record TagCount(String name, long contactCount) {
}
