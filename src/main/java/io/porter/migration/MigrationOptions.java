package io.porter.migration;

import io.porter.api.ApiException;
import io.porter.texts.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The choices of a migration. Every field may be left out; {@link #withDefaults} fills them in.
 *
 * @param unmatchedTeammates  {@code create}: a teammate of the source with no Porter teammate of the same email
 *                            becomes one, inactive and without a password (cannot sign in); {@code fallback}: their
 *                            records are attributed to {@code fallbackTeammate}
 * @param fallbackTeammate    email of a teammate of this workspace
 * @param unassignedTeam      name of a team that gets the conversations and tickets with no assignee and no team
 *                            (null: they stay unassigned)
 * @param translations        migrate articles' translations (default true), or only their default language
 * @param invalidPhones       {@code keep}: a phone that fails validation is kept as entered in the contact's custom
 *                            attribute {@code phone_as_entered}, with a warning in the report; {@code reject}: the
 *                            contact fails
 * @param allowBlockedAttachments    migrate attachments of blocked types too; only with {@code acknowledgeAttachmentRisk}
 * @param maxAttachmentBytes  larger attachments are skipped (default 20 MB)
 * @param teams               source team name → Porter team name (same names match without it)
 * @param ticketTypes         source ticket type → Porter ticket type
 * @param states              source ticket state → submitted | in_progress | waiting_on_customer | resolved
 * @param fields              source custom attribute → Porter custom field key
 * @param defaultCountry      country for phone numbers written without one (default: the workspace's)
 */
public record MigrationOptions(String unmatchedTeammates, String fallbackTeammate, String unassignedTeam, Boolean translations,
                               String invalidPhones, Boolean allowBlockedAttachments, Boolean acknowledgeAttachmentRisk,
                               Long maxAttachmentBytes, Map<String, String> teams, Map<String, String> ticketTypes,
                               Map<String, String> states, Map<String, String> fields, String defaultCountry) {

    public static final long DEFAULT_MAX_ATTACHMENT = 20L * 1024 * 1024;
    static final List<String> TICKET_STATES = List.of("submitted", "in_progress", "waiting_on_customer", "resolved");

    public static MigrationOptions defaults() {
        return new MigrationOptions(null, null, null, null, null, null, null, null, null, null, null, null, null).withDefaults();
    }

    public MigrationOptions withDefaults() {
        return new MigrationOptions(unmatchedTeammates == null ? "create" : unmatchedTeammates, blank(fallbackTeammate),
                blank(unassignedTeam), translations == null || translations, invalidPhones == null ? "keep" : invalidPhones,
                allowBlockedAttachments != null && allowBlockedAttachments, acknowledgeAttachmentRisk != null && acknowledgeAttachmentRisk,
                maxAttachmentBytes == null ? DEFAULT_MAX_ATTACHMENT : maxAttachmentBytes, teams == null ? Map.of() : teams,
                ticketTypes == null ? Map.of() : ticketTypes, states == null ? Map.of() : states, fields == null ? Map.of() : fields,
                blank(defaultCountry));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Every problem at once. */
    public MigrationOptions check() {
        MigrationOptions o = withDefaults();
        List<Text> problems = new ArrayList<>();
        if (!List.of("create", "fallback").contains(o.unmatchedTeammates)) {
            problems.add(Text.of("error.migration.options.unmatched", String.valueOf(o.unmatchedTeammates)));
        }
        if ("fallback".equals(o.unmatchedTeammates) && o.fallbackTeammate == null) {
            problems.add(Text.of("error.migration.options.fallback-needed"));
        }
        if (!List.of("keep", "reject").contains(o.invalidPhones)) {
            problems.add(Text.of("error.migration.options.invalid-phones", String.valueOf(o.invalidPhones)));
        }
        if (o.allowBlockedAttachments && !o.acknowledgeAttachmentRisk) {
            problems.add(Text.of("error.migration.options.risk"));
        }
        if (o.maxAttachmentBytes <= 0) {
            problems.add(Text.of("error.migration.options.max-bytes"));
        }
        o.states.forEach((k, v) -> {
            if (!TICKET_STATES.contains(v)) {
                problems.add(Text.of("error.migration.options.state", k, v, String.join(", ", TICKET_STATES)));
            }
        });
        if (!problems.isEmpty()) {
            throw new OptionsRejected(problems);
        }
        return o;
    }

    /** Every problem of the options, each a text: the API lists them in English, the options page in its language. */
    public static final class OptionsRejected extends ApiException {
        private final List<Text> problems;

        OptionsRejected(List<Text> problems) {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                    "The migration options have problems: " + String.join("; ", problems.stream().map(Text::english).toList()));
            this.problems = List.copyOf(problems);
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("problems", problems.stream().map(Text::english).toList());
        }

        public List<Text> problems() {
            return problems;
        }
    }
}
