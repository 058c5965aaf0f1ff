package io.porter.web;

import io.porter.users.Users;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** A signed-in person as the session keeps them: only ids, so roles are read afresh on every request. */
record WebUser(long id, String email, String passwordHash) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    static UserDetailsService service(Users users) {
        return email -> users.credentials(email)
                .map(c -> new WebUser(c.user().id(), c.user().email(), c.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
