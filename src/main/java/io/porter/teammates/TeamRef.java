package io.porter.teammates;

/** A team named inside another object (a conversation's team). */
public record TeamRef(long id, String name) {
}
