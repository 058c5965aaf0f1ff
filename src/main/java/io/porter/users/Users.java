package io.porter.users;

import io.porter.api.ApiException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their BCrypt-hashed passwords, and their roles in workspaces. */
@Service
public class Users {

    public static final int MIN_PASSWORD = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** A user's row as sign-in needs it. */
    public record Credentials(User user, String passwordHash) {
    }

    private final JdbcClient db;
    private final PasswordEncoder encoder;

    public Users(JdbcClient db, PasswordEncoder encoder) {
        this.db = db;
        this.encoder = encoder;
    }

    public static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public User create(String email, String password) {
        String e = normalise(email);
        if (e.isEmpty() || !e.contains("@") || e.length() > 254) {
            throw ApiException.badRequest("email: '" + email + "' is not an email address");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("The password must have at least " + MIN_PASSWORD + " characters");
        }
        try {
            long id = db.sql("insert into app_user (email, password_hash) values (?, ?) returning id")
                    .params(e, encoder.encode(password)).query(Long.class).single();
            return new User(id, e);
        } catch (DuplicateKeyException ex) {
            throw ApiException.conflict("A user with email '" + e + "' exists already");
        }
    }

    /** Gives the user this role in the workspace, replacing any role there. */
    public void grant(long userId, long workspaceId, Role role) {
        db.sql("""
                insert into workspace_member (workspace_id, user_id, role) values (?, ?, ?)
                on conflict (workspace_id, user_id) do update set role = excluded.role""")
                .params(workspaceId, userId, role.key()).update();
    }

    public Optional<Credentials> credentials(String email) {
        return db.sql("select id, email, password_hash from app_user where email = ?").param(normalise(email))
                .query((rs, n) -> new Credentials(new User(rs.getLong("id"), rs.getString("email")), rs.getString("password_hash")))
                .optional();
    }

    public Optional<User> find(long id) {
        return db.sql("select id, email from app_user where id = ?").param(id)
                .query((rs, n) -> new User(rs.getLong("id"), rs.getString("email"))).optional();
    }

    /** The workspaces of a user with the role in each, by workspace name. */
    public List<Membership> memberships(long userId) {
        return db.sql("""
                select m.workspace_id, w.name, m.role from workspace_member m join workspace w on w.id = m.workspace_id
                where m.user_id = ? and m.active order by w.name, w.id""").param(userId)
                .query((rs, n) -> new Membership(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3)))).list();
    }

    public boolean any() {
        return db.sql("select exists (select 1 from app_user)").query(Boolean.class).single();
    }

    /**
     * The first owner of a workspace, when Porter has no user yet: with the given password, or a random one.
     * Empty when a user exists already.
     */
    @Transactional
    public Optional<String> createFirstOwner(long workspaceId, String email, String password) {
        db.sql("lock table app_user in exclusive mode").update();
        if (any()) {
            return Optional.empty();
        }
        String pw = password == null || password.isBlank() ? randomPassword() : password;
        User u = create(email, pw);
        grant(u.id(), workspaceId, Role.OWNER);
        return Optional.of(pw);
    }

    public static String randomPassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
