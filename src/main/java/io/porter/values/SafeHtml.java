package io.porter.values;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The HTML Porter keeps for message bodies and articles, sanitised on the way in by the OWASP Java HTML Sanitizer
 * with an allow-list: text formatting, paragraphs, lists, block quotes, code, tables, links (http, https, mailto;
 * given rel="nofollow noopener") and images (http, https). Scripts, styles, frames, forms and every event handler
 * attribute ({@code on*}) are dropped.
 */
public final class SafeHtml {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.IMAGES)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br", "span", "div")
                    .toFactory());

    private SafeHtml() {
    }

    /** The sanitised HTML, or null for null. */
    public static String sanitise(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }
}
