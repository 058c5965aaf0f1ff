package io.porter.teammates;

import java.time.Instant;
import java.util.List;

/** A team of teammates, by name; conversations and tickets may be assigned to it. */
public record Team(long id, String name, List<TeammateRef> members, Instant createdAt) {
}
