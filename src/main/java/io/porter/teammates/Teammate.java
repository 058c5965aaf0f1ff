package io.porter.teammates;

import java.time.Instant;

/**
 * A member of the workspace as the help desk sees them: the person's name and email, their role here, and whether
 * they are active (an inactive teammate keeps their history but cannot sign in here or be assigned).
 */
public record Teammate(long id, String name, String email, String role, boolean active, boolean canSignIn,
                       Instant createdAt) {

    public TeammateRef ref() {
        return new TeammateRef(id, name, email);
    }
}
