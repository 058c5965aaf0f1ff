package io.porter.teammates;

/** A teammate named inside another object (an assignee, an author). */
public record TeammateRef(long id, String name, String email) {
}
