package io.porter.imports;

import io.porter.contacts.StandardField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests where each column goes. A header that matches a field's key or label, or a usual synonym in English or
 * Spanish, maps to that field; one that matches nothing becomes a new custom text field named after it, as
 * Intercom does. A field is suggested once: a second column with the same meaning becomes a custom field.
 */
public final class AutoMapper {

    private static final Map<String, String> SYNONYMS = new HashMap<>();
    private static final Map<String, String> STANDARD = new HashMap<>();

    static {
        synonyms("email", "email", "e-mail", "email address", "e-mail address", "mail", "correo", "correo electrónico",
                "correo electronico", "dirección de correo", "email personal", "emailaddress");
        synonyms("phone", "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "mobile number", "cell",
                "cell phone", "teléfono", "telefono", "móvil", "movil", "celular", "número de teléfono", "teléfono móvil",
                "whatsapp");
        synonyms("name", "name", "full name", "contact name", "nombre completo", "nombre y apellidos");
        synonyms("first_name", "first name", "firstname", "first", "given name", "forename", "primer nombre");
        synonyms("last_name", "last name", "lastname", "surname", "family name", "apellido", "apellidos");
        synonyms("user_id", "user id", "userid", "external id", "customer id", "id de usuario", "id usuario", "id cliente");
        synonyms(ColumnMapping.CONTACT_ID, "id", "contact id", "porter id", "porter contact id");
        synonyms("role", "role", "rol", "contact type", "tipo de contacto");
        synonyms("signed_up_at", "signed up", "signed up at", "signup date", "sign up date", "signup", "registration date",
                "joined", "created", "fecha de registro", "fecha registro", "fecha de alta", "alta");
        synonyms("last_seen_at", "last seen", "last seen at", "last active", "last visit", "última visita",
                "ultima visita", "última conexión", "ultima conexion");
        synonyms("last_ip", "last ip", "ip", "ip address", "dirección ip", "direccion ip");
        synonyms("city", "city", "town", "ciudad", "localidad", "municipio");
        synonyms("region", "region", "región", "state", "province", "provincia", "estado", "county", "comunidad");
        synonyms("country", "country", "país", "pais", "country code", "código de país");
        synonyms("avatar_url", "avatar", "avatar url", "photo", "photo url", "picture", "foto", "imagen");
        synonyms("language", "language", "idioma", "lang", "locale", "lengua");
        synonyms(ColumnMapping.TAGS, "tags", "tag", "etiquetas", "etiqueta", "labels", "segments");
        for (StandardField f : StandardField.values()) {
            STANDARD.put(HeaderNames.normalise(f.key()), f.key());
            STANDARD.put(HeaderNames.normalise(f.label()), f.key());
        }
        STANDARD.put(HeaderNames.normalise("tags"), ColumnMapping.TAGS);
    }

    private AutoMapper() {
    }

    private static void synonyms(String field, String... names) {
        for (String n : names) {
            SYNONYMS.putIfAbsent(HeaderNames.normalise(n), field);
        }
    }

    public static List<ColumnMapping> suggest(List<String> header, List<CustomFieldRef> customFields) {
        Map<String, CustomFieldRef> custom = new HashMap<>();
        for (CustomFieldRef f : customFields) {
            custom.putIfAbsent(HeaderNames.normalise(f.key()), f);
            custom.putIfAbsent(HeaderNames.normalise(f.label()), f);
        }
        // 'Nombre' beside 'Apellidos' is a first name; alone it is the whole name
        boolean hasLastName = header.stream().anyMatch(h -> "last_name".equals(SYNONYMS.get(HeaderNames.normalise(h))));
        Set<String> used = new HashSet<>();
        List<ColumnMapping> out = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            String n = HeaderNames.normalise(h);
            if (n.isEmpty()) {
                out.add(ColumnMapping.skip(i, h));
                continue;
            }
            // a standard field's own key or label first, then the workspace's custom fields, then synonyms:
            // a workspace that made a custom field 'Mobile' means that field, not the standard phone
            String field = STANDARD.get(n);
            if (field == null && custom.containsKey(n)) {
                field = ColumnMapping.CUSTOM_PREFIX + custom.get(n).key();
            }
            if (field == null) {
                field = n.equals("nombre") ? (hasLastName ? "first_name" : "name") : SYNONYMS.get(n);
            }
            if (field != null && used.add(field)) {
                out.add(new ColumnMapping(i, h, field, null));
                continue;
            }
            String base = HeaderNames.keyOf(h, i);
            boolean existing = customFields.stream().anyMatch(f -> f.key().equals(base))
                    && !used.contains(ColumnMapping.CUSTOM_PREFIX + base);
            String key = existing ? base : uniqueKey(base, used);
            used.add(ColumnMapping.CUSTOM_PREFIX + key);
            out.add(new ColumnMapping(i, h, ColumnMapping.CUSTOM_PREFIX + key,
                    existing ? null : new ColumnMapping.NewField("text", h.strip().isEmpty() ? key : h.strip())));
        }
        return out;
    }

    /** A new field's key must not be a standard field, a special target, or a key another column took. */
    private static String uniqueKey(String base, Set<String> used) {
        String k = base;
        for (int n = 2; StandardField.byKey(k).isPresent() || used.contains(ColumnMapping.CUSTOM_PREFIX + k)
                || k.equals(ColumnMapping.TAGS) || k.equals(ColumnMapping.CONTACT_ID); n++) {
            k = base + "_" + n;
        }
        return k;
    }
}
