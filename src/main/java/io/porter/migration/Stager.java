package io.porter.migration;

import io.porter.attachments.AttachmentStore;
import io.porter.attachments.FileTypes;
import io.porter.migration.sources.Records;
import io.porter.migration.sources.SourceReader;
import io.porter.values.CountryCode;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import io.porter.values.PhoneNumber;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns typed records into staged rows: values checked and normalised in Java (emails, phones, custom attribute keys,
 * states), attachment bytes checked and stored, the rest left to the set-based statements.
 */
final class Stager {

    static final Map<String, String> DEFAULT_STATES = Map.ofEntries(Map.entry("new", "submitted"), Map.entry("open", "in_progress"),
            Map.entry("pending", "waiting_on_customer"), Map.entry("hold", "in_progress"), Map.entry("on-hold", "in_progress"),
            Map.entry("solved", "resolved"), Map.entry("closed", "resolved"), Map.entry("resolved", "resolved"),
            Map.entry("submitted", "submitted"), Map.entry("in_progress", "in_progress"), Map.entry("waiting_on_customer", "waiting_on_customer"));

    private final long ws;
    private final MigrationOptions options;
    private final CountryCode country;
    private final AttachmentStore store;
    private final SourceReader reader;

    Stager(long ws, MigrationOptions options, CountryCode country, AttachmentStore store, SourceReader reader) {
        this.ws = ws;
        this.options = options;
        this.country = country;
        this.store = store;
        this.reader = reader;
    }

    static String clean(String s) {
        return s == null ? null : s.indexOf('\u0000') >= 0 ? s.replace("\u0000", "") : s;
    }

    private static Map<String, Object> d(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v != null) {
                m.put((String) kv[i], v instanceof String s ? clean(s) : v instanceof Instant t ? t.toString() : v);
            }
        }
        return m;
    }

    /** A custom attribute key as Porter's fields name them (lower case, letters, digits, underscores), mapped by the options. */
    String fieldKey(String key) {
        String mapped = options.fields().getOrDefault(key, key);
        String k = mapped.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (k.isEmpty() || !Character.isLetter(k.charAt(0))) {
            k = "f_" + k;
        }
        return k.length() > 63 ? k.substring(0, 63) : k;
    }

    private Map<String, Object> custom(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (in != null) {
            in.forEach((k, v) -> out.put(fieldKey(k), v instanceof String s ? clean(s) : v));
        }
        return out;
    }

    StageRow teammate(Records.Teammate t) {
        String key = null;
        if (t.email() != null) {
            try {
                key = Email.parse(t.email().strip()).key();
            } catch (InvalidValueException e) {
                key = t.email().strip().toLowerCase(Locale.ROOT);
            }
        }
        return new StageRow("teammate", t.sourceId(), null, null, t.updatedAt(), d("name", t.name(), "email_key", key));
    }

    List<StageRow> team(Records.Team t) {
        if (t.name() == null) {
            List<StageRow> rows = new ArrayList<>();
            for (String m : t.memberSourceIds()) {
                rows.add(new StageRow("team_member", t.sourceId() + ":" + m, t.sourceId(), null, null, d("member", m)));
            }
            return rows;
        }
        String name = options.teams().getOrDefault(t.name(), t.name()).strip();
        return List.of(new StageRow("team", t.sourceId(), null, null, null, d("name", name, "members", t.memberSourceIds())));
    }

    StageRow company(Records.Company c) {
        return new StageRow("company", c.sourceId(), null, c.createdAt(), c.updatedAt(), d("name", c.name(), "external_id", c.externalId(),
                "website", c.website(), "industry", c.industry(), "size", c.size(), "custom", custom(c.custom())));
    }

    StageRow contact(Records.Contact c) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> custom = custom(c.custom());
        String email = null;
        String emailKey = null;
        if (c.email() != null && !c.email().isBlank()) {
            try {
                Email e = Email.parse(c.email().strip());
                email = e.value();
                emailKey = e.key();
            } catch (InvalidValueException e) {
                custom.put("email_as_entered", clean(c.email()));
                warnings.add("email '" + c.email() + "' is not valid: kept in email_as_entered");
            }
        }
        String phone = null;
        if (c.phone() != null && !c.phone().isBlank()) {
            try {
                phone = PhoneNumber.parse(c.phone(), country).e164();
            } catch (InvalidValueException e) {
                if (options.invalidPhones().equals("reject")) {
                    return new StageRow("contact", c.sourceId(), null, c.createdAt(), c.updatedAt(), Map.of(), "failed",
                            "phone '" + c.phone() + "' " + e.problem() + ", and invalid phones are rejected");
                }
                custom.put("phone_as_entered", clean(c.phone()));
                warnings.add("phone '" + c.phone() + "' is not valid: kept as entered in phone_as_entered");
            }
        }
        String role = "lead".equals(c.role()) ? "lead" : "user";
        return new StageRow("contact", c.sourceId(), null, c.createdAt(), c.updatedAt(), d("role", role, "name", c.name(), "email", email,
                "email_key", emailKey, "phone", phone, "user_id", c.userId(), "signed_up_at", c.signedUpAt(), "last_seen_at", c.lastSeenAt(),
                "custom", custom, "companies", c.companySourceIds()), null, warnings.isEmpty() ? null : String.join("; ", warnings));
    }

    List<StageRow> conversation(Records.Conversation c) {
        List<StageRow> rows = new ArrayList<>();
        String state = c.state() == null ? "open" : switch (c.state()) {
            case "closed" -> "closed";
            case "snoozed" -> "snoozed";
            default -> "open";
        };
        rows.add(new StageRow("conversation", c.sourceId(), null, c.createdAt(), c.updatedAt(), d("title", c.title(), "state", state,
                "priority", c.priority(), "contact", c.contactSourceId(), "assignee", c.assigneeSourceId(), "team", c.teamSourceId(),
                "source_type", c.sourceType(), "delivered_as", c.deliveredAs(), "custom", custom(c.custom()), "tags", c.tags())));
        int pos = 0;
        for (Records.Part p : c.parts()) {
            rows.addAll(part("conversation_part", p, c.sourceId(), ++pos));
        }
        return rows;
    }

    List<StageRow> ticket(Records.Ticket t) {
        List<StageRow> rows = new ArrayList<>();
        String raw = t.state() == null ? null : t.state().strip().toLowerCase(Locale.ROOT);
        String state = options.states().containsKey(t.state()) ? options.states().get(t.state())
                : raw == null ? "submitted" : DEFAULT_STATES.getOrDefault(raw, "submitted");
        String reason = raw != null && !options.states().containsKey(t.state()) && !DEFAULT_STATES.containsKey(raw)
                ? "state '" + t.state() + "' is not known: submitted" : null;
        String type = t.typeName() == null ? null : options.ticketTypes().getOrDefault(t.typeName(), t.typeName());
        String category = t.category() == null ? "customer" : switch (t.category().strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')) {
            case "back_office" -> "back_office";
            case "tracker" -> "tracker";
            default -> "customer";
        };
        Map<String, Object> custom = custom(t.custom());
        if (t.tags() != null && !t.tags().isEmpty()) {
            custom.put("tags", t.tags());
        }
        rows.add(new StageRow("ticket", t.sourceId(), null, t.createdAt(), t.updatedAt(), d("number", t.number(), "title", t.title(),
                "description", t.description(), "type_name", type, "category", category, "state", state, "contact", t.contactSourceId(),
                "assignee", t.assigneeSourceId(), "team", t.teamSourceId(), "custom", custom), null, reason));
        int pos = 0;
        for (Records.Part p : t.parts()) {
            rows.addAll(part("ticket_part", p, t.sourceId(), ++pos));
        }
        return rows;
    }

    /** A part and its attachments; {@code pos} is its place among its parent's parts in the source, null when kept apart. */
    List<StageRow> part(String kind, Records.Part p, String parent, Integer pos) {
        List<StageRow> rows = new ArrayList<>();
        String type = p.partType() == null ? "other" : p.partType();
        Set<String> allowed = kind.equals("conversation_part")
                ? Set.of("comment", "note", "assignment", "open", "close", "snooze", "unsnooze", "rating", "other")
                : Set.of("comment", "note", "assignment", "state_change", "other");
        if (!allowed.contains(type)) {
            type = "other";
        }
        Records.Author a = p.author() == null ? new Records.Author("unknown", null) : p.author();
        rows.add(new StageRow(kind, p.sourceId(), parent == null ? p.parentSourceId() : parent, p.createdAt(), null, d("part_type", type,
                "author_kind", a.kind(), "author_id", a.sourceId(), "body", html(p.bodyHtml()), "pos", pos,
                "assigned_teammate", p.assignedToTeammate(), "assigned_team", p.assignedToTeam())));
        if (p.attachments() != null) {
            for (Records.Attachment att : p.attachments()) {
                rows.add(attachment(kind, p, att));
            }
        }
        return rows;
    }

    /** Bodies from another tool are HTML Porter's pages show as HTML: sanitised on the way in, as the API's are. */
    private static String html(String raw) {
        return raw == null ? null : io.porter.values.SafeHtml.sanitise(raw);
    }

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT).strip();
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("too large");
        }
    }

    /** Checks an attachment (type, size, bytes present) and stores its bytes; failed or skipped with the reason otherwise. */
    StageRow attachment(String partKind, Records.Part p, Records.Attachment att) {
        String name = att.fileName() == null ? "attachment" : att.fileName();
        String type = att.contentType() == null ? null : att.contentType().strip().toLowerCase(Locale.ROOT);
        Map<String, Object> base = d("parent_type", partKind, "file_name", name, "content_type", att.contentType());
        String id = att.sourceId() == null ? p.sourceId() + "/" + name : att.sourceId();
        // the same rule as attachments added through the API: by name and content type first, by content below
        String blocked = FileTypes.blockedReason(name, type, new byte[0]);
        boolean allowBlocked = options.allowBlockedAttachments() && options.acknowledgeAttachmentRisk();
        if (blocked != null && !allowBlocked) {
            return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "skipped",
                    "blocked file type (" + blocked + "): programs are not migrated unless the options allow them");
        }
        long max = options.maxAttachmentBytes();
        if (att.size() != null && att.size() > max) {
            return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "skipped",
                    "larger than the limit of " + max + " bytes (" + att.size() + " bytes)");
        }
        try {
            Optional<InputStream> in = att.path() == null ? Optional.empty() : reader.openAttachment(att.path());
            if (in.isEmpty()) {
                return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "failed",
                        "its bytes are not in the export (expected at " + att.path() + ")");
            }
            try (InputStream raw = new BufferedInputStream(in.get())) {
                raw.mark(4);
                byte[] head = raw.readNBytes(4);
                raw.reset();
                String program = FileTypes.blockedReason(null, null, head);
                if (!allowBlocked && program != null) {
                    return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "skipped",
                            "blocked: " + program + ", whatever its name says");
                }
                io.porter.attachments.StoredFile s = store.store(ws, name, att.contentType(), limit(raw, max));
                base.put("size", s.size());
                base.put("sha256", s.sha256());
                base.put("storage_key", s.storageKey());
                return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base);
            }
        } catch (TooLarge e) {
            return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "skipped", "larger than the limit of " + max + " bytes");
        } catch (IOException e) {
            return new StageRow("attachment", id, p.sourceId(), p.createdAt(), null, base, "failed", "could not read its bytes: " + e.getMessage());
        }
    }

    private static InputStream limit(InputStream in, long max) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++read > max) {
                    throw new TooLarge();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (read += n) > max) {
                    throw new TooLarge();
                }
                return n;
            }
        };
    }

    StageRow category(Records.KbCategory c) {
        return new StageRow("kb_category", c.sourceId(), null, c.createdAt(), c.updatedAt(), d("name", c.name(), "description", c.description(),
                "position", c.position()));
    }

    StageRow folder(Records.KbFolder f) {
        return new StageRow("kb_folder", f.sourceId(), null, f.createdAt(), f.updatedAt(), d("category", f.categorySourceId(), "name", f.name(),
                "description", f.description(), "position", f.position()));
    }

    List<StageRow> article(Records.Article a) {
        List<StageRow> rows = new ArrayList<>();
        rows.add(new StageRow("article", a.sourceId(), a.parentSourceId(), a.createdAt(), a.updatedAt(), d("parent_type", a.parentType(),
                "author", a.authorSourceId(), "locale", a.defaultLocale())));
        for (Records.Translation t : a.translations()) {
            if (options.translations() || t.locale() == null || t.locale().equals(a.defaultLocale())) {
                rows.add(translation(t));
            }
        }
        return rows;
    }

    StageRow translation(Records.Translation t) {
        String state = "published".equals(t.state()) ? "published" : "draft";
        return new StageRow("translation", t.articleSourceId() + ":" + t.locale(), t.articleSourceId(), t.createdAt(), t.updatedAt(),
                d("locale", t.locale() == null ? "en" : t.locale(), "title", t.title(), "body", html(t.bodyHtml()), "state", state));
    }
}
