package io.porter.sync;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps destinations from reaching into Porter's own network (SSRF): a URL's host is resolved and refused when any
 * of its addresses is loopback, private, link-local, multicast, unspecified, carrier-grade NAT or unique-local
 * (IPv4 and IPv6, IPv4-mapped included). Checked when a destination is saved and again before every delivery,
 * so a name that later resolves somewhere private (DNS rebinding) is refused then.
 */
public final class TargetGuard {

    private final boolean allowPrivate;
    private final Resolver resolver;

    /** Name resolution, replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public TargetGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public TargetGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Refused targets, with a reason a person understands. */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String message) {
            super(message);
        }
    }

    /** The URL as a URI when it is http(s) with a host; otherwise why not. Does not resolve. */
    public static URI parse(String url) throws RefusedTarget {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new RefusedTarget("'" + url + "' is not a web address; write it as https://example.com/hooks/porter");
            }
            if (uri.getUserInfo() != null) {
                throw new RefusedTarget("'" + url + "' has a user name in it; put credentials in the secret instead");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RefusedTarget("'" + url + "' is not a web address; write it as https://example.com/hooks/porter");
        }
    }

    /** Resolves the host and refuses it when any address is not public (unless private targets are allowed). */
    public void check(URI uri) throws RefusedTarget {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("The host " + host + " does not resolve");
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress a : addresses) {
            String why = notPublic(a);
            if (why != null) {
                throw new RefusedTarget("The host " + host + " resolves to " + a.getHostAddress() + ", " + why
                        + "; Porter only delivers to public addresses (porter.sync.allow-private-targets=true allows others)");
            }
        }
    }

    /** Why an address is not a public one, or null when it is. */
    static String notPublic(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || b[10] == 0 && b[11] == 0 && !a.isAnyLocalAddress() && !a.isLoopbackAddress())) {
                try {
                    // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address
                    return notPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "an unreadable address";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local (private) address";
            }
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "a documentation address";
            }
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "an unspecified (0.0.0.0/8) address";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "a carrier-grade NAT (private) address";
            }
            if (first >= 240) {
                return "a reserved or broadcast address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a benchmarking network address";
            }
        }
        return null;
    }
}
