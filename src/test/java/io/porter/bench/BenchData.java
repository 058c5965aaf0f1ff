package io.porter.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic contact files, generated: accented names, emails in mixed case, phones written the many ways people
 * write them (national, international, 00-prefixed, with brackets and dashes), dates in every accepted format,
 * a tags column and two custom columns. Person {@code k} is the same in the file and in the pre-created contacts,
 * so even rows of the file match existing contacts and odd rows are new people.
 */
final class BenchData {

    static final String HEADER = "First name,Last name,Email,Phone,Signed up,City,Country,Tags,Plan,Score";

    private static final String[] FIRST = {"José", "María", "Zoë", "Łukasz", "Søren", "Ana", "François", "Björn",
            "Chloé", "Anaïs", "Jürgen", "Inés", "Noël", "Ümit", "Tomás", "Lucía", "Renée", "Mikołaj", "Ágnes", "Joaquín",
            "Emma", "Oliver", "Sofía", "Mateo", "Amélie", "Håkon", "Dvořák", "Çelik", "Niamh", "Siobhán"};
    private static final String[] LAST = {"García", "Núñez", "Müller", "Øvergaard", "Kowalski", "Smith", "Lefèvre",
            "Åström", "O'Brien", "Fernández", "Dvořáková", "Rodríguez", "Schäfer", "Gómez", "Martín", "Jiménez",
            "Dubois", "Rossi", "Nowak", "Yılmaz", "Pérez", "Sánchez", "Weiß", "Brontë", "Muñoz"};
    private static final String[] DOMAINS = {"gmail.com", "yahoo.es", "outlook.de", "orange.fr", "libero.it",
            "btinternet.co.uk", "uol.com.br", "hotmail.com", "web.de", "telefonica.net", "example.org", "icloud.com"};
    private static final String[] CITIES = {"Madrid", "Málaga", "São Paulo", "Zürich", "Kraków", "Göteborg", "A Coruña",
            "Köln", "Montréal", "Querétaro", "Bogotá", "Lyon", "Düsseldorf", "Logroño", "Reykjavík"};
    private static final String[] COUNTRIES = {"ES", "ES", "ES", "BR", "CH", "PL", "SE", "ES", "DE", "CA", "MX", "CO", "FR", "DE", "IS"};
    private static final String[] TAGS = {"vip", "newsletter", "trial", "churn-risk", "beta", "partner", "lead-2024",
            "webinar", "black friday", "early adopter", "enterprise", "support", "clientes fieles", "über", "event:madrid"};
    private static final String[] PLANS = {"free", "pro", "team", "enterprise"};
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private BenchData() {
    }

    /** The person behind row {@code row}: even rows are existing contacts {@code row / 2}, odd rows new people. */
    static long person(long row, long existing) {
        return row % 2 == 0 && row / 2 < existing ? row / 2 : existing + row;
    }

    static String email(long k) {
        String first = ascii(FIRST[(int) (k % FIRST.length)]);
        String last = ascii(LAST[(int) ((k / FIRST.length) % LAST.length)]);
        return first + "." + last + "." + k + "@" + DOMAINS[(int) (k % DOMAINS.length)];
    }

    static String firstName(long k) {
        return FIRST[(int) (k % FIRST.length)];
    }

    static String lastName(long k) {
        return LAST[(int) ((k / FIRST.length) % LAST.length)];
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace("ł", "l").replace("Ł", "L")
                .replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ı", "i").replace("'", "").toLowerCase(Locale.ROOT);
    }

    /** Writes {@code rows} rows; returns the number of bytes. */
    static long writeCsv(Path file, long rows, long existing) throws IOException {
        SplittableRandom rnd = new SplittableRandom(20240115);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder b = new StringBuilder(256);
            for (long row = 0; row < rows; row++) {
                long k = person(row, existing);
                b.setLength(0);
                b.append(firstName(k)).append(',');
                String last = lastName(k);
                b.append(last.contains("'") ? "\"" + last + "\"" : last).append(',');
                String email = email(k);
                // people write addresses in any case; they are matched by key
                b.append(rnd.nextInt(5) == 0 ? capitalise(email) : email).append(',');
                b.append(phone(rnd)).append(',');
                b.append(date(rnd)).append(',');
                int city = rnd.nextInt(CITIES.length);
                b.append(CITIES[city]).append(',').append(COUNTRIES[city]).append(',');
                b.append(tags(rnd)).append(',');
                b.append(PLANS[rnd.nextInt(PLANS.length)]).append(',');
                b.append(rnd.nextInt(10) == 0 ? "" : Integer.toString(rnd.nextInt(1000))).append('\n');
                w.append(b);
            }
        }
        return Files.size(file);
    }

    private static String capitalise(String email) {
        return Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@')) + "@"
                + email.substring(email.indexOf('@') + 1).toUpperCase(Locale.ROOT);
    }

    private static String tags(SplittableRandom rnd) {
        int n = rnd.nextInt(4);
        if (n == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(rnd.nextBoolean() ? ", " : ";");
            }
            b.append(TAGS[rnd.nextInt(TAGS.length)]);
        }
        String s = b.toString();
        return s.contains(",") ? "\"" + s + "\"" : s;
    }

    private static String date(SplittableRandom rnd) {
        if (rnd.nextInt(20) == 0) {
            return "";
        }
        Instant t = Instant.ofEpochSecond(1_500_000_000L + rnd.nextLong(250_000_000L));
        OffsetDateTime d = t.atOffset(ZoneOffset.UTC);
        return switch (rnd.nextInt(5)) {
            case 0 -> d.format(DMY);
            case 1 -> d.toLocalDate().toString();
            case 2 -> d.withNano(0).toString().replace("Z", "") + "Z";
            case 3 -> d.withNano(0).withOffsetSameInstant(ZoneOffset.ofHours(2)).toString();
            default -> Long.toString(t.getEpochSecond());
        };
    }

    /** A valid number written one of the ways people write it (the workspace's default country is ES). */
    static String phone(SplittableRandom rnd) {
        if (rnd.nextInt(25) == 0) {
            return "";
        }
        while (true) {
            String digits8 = String.format("%08d", rnd.nextInt(100_000_000));
            String s = switch (rnd.nextInt(9)) {
                case 0 -> "6" + digits8.substring(0, 2) + " " + digits8.substring(2, 5) + " " + digits8.substring(5);
                case 1 -> "+34 6" + digits8;
                case 2 -> "0034 6" + digits8.substring(0, 2) + "-" + digits8.substring(2);
                case 3 -> "(+34) 6" + digits8;
                case 4 -> "+44 7911 " + digits8.substring(2);
                case 5 -> "+1 (212) " + (2 + rnd.nextInt(8)) + digits8.substring(0, 2) + "-" + digits8.substring(4);
                case 6 -> "+49 151 " + digits8;
                case 7 -> "+33 6 " + digits8.substring(0, 2) + " " + digits8.substring(2, 4) + " " + digits8.substring(4, 6)
                        + " " + digits8.substring(6);
                default -> "+52 55 " + digits8.substring(0, 4) + " " + digits8.substring(4);
            };
            try {
                if (PHONES.isValidNumber(PHONES.parse(s.replace("(+34)", "+34").replace("0034", "+34"), "ES"))) {
                    return s;
                }
            } catch (NumberParseException e) {
                // try another
            }
        }
    }
}
