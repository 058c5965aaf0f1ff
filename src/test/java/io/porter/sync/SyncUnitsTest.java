package io.porter.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSRF guard, the rate limiter, the backoff and the secret box, without the application. */
class SyncUnitsTest {

    static TargetGuard resolvingTo(boolean allowPrivate, String... ips) {
        return new TargetGuard(allowPrivate, host -> {
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                out[i] = InetAddress.getByName(ips[i]);
            }
            return out;
        });
    }

    @Test
    void privateLoopbackLinkLocalMulticastAndUnspecifiedAddressesAreRefused() {
        String[] refused = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1", "0.0.0.0",
                "100.64.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
                "::ffff:10.0.0.1", "::ffff:169.254.169.254"};
        for (String ip : refused) {
            assertThatThrownBy(() -> resolvingTo(false, ip).check(URI.create("https://hooks.example.com/x")))
                    .as(ip).isInstanceOf(TargetGuard.RefusedTarget.class).hasMessageContaining("Porter only delivers to public addresses");
        }
        // one private address among public ones is enough to refuse (the client could pick it)
        assertThatThrownBy(() -> resolvingTo(false, "93.184.216.34", "10.0.0.5").check(URI.create("https://x.example.com")))
                .isInstanceOf(TargetGuard.RefusedTarget.class).hasMessageContaining("10.0.0.5");
    }

    @Test
    void publicAddressesPassAndPrivateOnesPassWhenAllowed() throws Exception {
        resolvingTo(false, "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946").check(URI.create("https://example.com/hook"));
        resolvingTo(true, "127.0.0.1").check(URI.create("http://localhost:8080/hook"));
    }

    @Test
    void theRealResolverRefusesLocalhostAndLiteralAddresses() {
        TargetGuard guard = new TargetGuard(false);
        for (String url : new String[] {"http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/", "http://169.254.169.254/latest/meta-data"}) {
            assertThatThrownBy(() -> guard.check(TargetGuard.parse(url))).as(url).isInstanceOf(TargetGuard.RefusedTarget.class)
                    .hasMessageContaining("allow-private-targets");
        }
    }

    @Test
    void onlyWebAddressesWithoutCredentialsAreTargets() {
        assertThatThrownBy(() -> TargetGuard.parse("file:///etc/passwd")).isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> TargetGuard.parse("https://user:pw@example.com/")).isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> TargetGuard.parse("not a url")).isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @Test
    void aNameThatStopsResolvingIsRefused() {
        TargetGuard guard = new TargetGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check(URI.create("https://gone.example.com"))).hasMessageContaining("does not resolve");
    }

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theLimiterAllowsABurstThenTheSteadyRateAndHonoursABlock() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(clock, 3, 6);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("d:events")).isNull();
        }
        Instant wait = limiter.acquire("d:events");
        assertThat(wait).isAfter(clock.now);
        assertThat(limiter.acquire("d:profile-import")).as("another endpoint has its own buckets").isNull();
        clock.now = clock.now.plusSeconds(1);
        // the burst refilled, but only 6 per minute: 3 more used, the steady bucket has ~0.1 left
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("d:events")).isNull();
        }
        Instant steady = limiter.acquire("d:events");
        assertThat(Duration.between(clock.now, steady)).isGreaterThan(Duration.ofSeconds(8));
        limiter.block("d:profile-import", clock.now.plusSeconds(30));
        assertThat(limiter.acquire("d:profile-import")).isEqualTo(clock.now.plusSeconds(30));
        clock.now = clock.now.plusSeconds(30);
        assertThat(limiter.acquire("d:profile-import")).isNull();
    }

    @Test
    void backoffStaysUnderItsCeilingAndNeverBeforeRetryAfter() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Duration base = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(24);
        assertThat(Backoff.ceiling(1, base, max)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Backoff.ceiling(3, base, max)).isEqualTo(Duration.ofMinutes(16));
        assertThat(Backoff.ceiling(12, base, max)).isEqualTo(max);
        for (int i = 0; i < 200; i++) {
            Instant next = Backoff.next(now, 2, base, max, null);
            assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plus(Duration.ofMinutes(4)));
            assertThat(Backoff.next(now, 1, base, max, now.plusSeconds(600))).isEqualTo(now.plusSeconds(600));
        }
    }

    @Test
    void secretsAreSealedWithAGeneratedKeyFileOf0600(@TempDir Path dir) throws Exception {
        SecretBox box = new SecretBox("", dir);
        Path key = dir.resolve("secret.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        byte[] sealed = box.seal("whsec_abc");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("whsec_abc");
        assertThat(new SecretBox("", dir).open(sealed)).as("the same key file on the next start").isEqualTo("whsec_abc");
        String other = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new SecretBox(other, dir).open(sealed)).hasMessageContaining("secret key");
    }
}
