package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainPhoneReader} must read every number it reads exactly as libphonenumber's parse does (the same country
 * code, national number and leading zeros), and leave to the library everything else.
 */
class PlainPhoneReaderTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * Every region's example number of every type, written in E.164, as its national significant number, in the
     * national format (with the national prefix), dialled from another country after its international prefix, with its country
     * code in front but no '+'; then random digits, alone and after random country codes, their own or another's. Each
     * is read against its own region, a neighbour's, none (ZZ) and one libphonenumber does not know (AQ).
     */
    @Test
    void readsWhatLibphonenumberReadsOrNothing() {
        List<String> regions = new ArrayList<>(UTIL.getSupportedRegions());
        regions.sort(null);
        List<Integer> codes = new ArrayList<>(UTIL.getSupportedCallingCodes());
        codes.sort(null);
        SplittableRandom rnd = new SplittableRandom(29);
        Checked checked = new Checked();
        for (String region : regions) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String nsn = UTIL.getNationalSignificantNumber(example);
                String cc = Integer.toString(example.getCountryCode());
                // dialled from another country, with that country's international prefix (00, 011, 8~10…)
                String neighbour = regions.get(rnd.nextInt(regions.size()));
                List<String> writings = List.of(UTIL.format(example, PhoneNumberFormat.E164), nsn,
                        digits(UTIL.format(example, PhoneNumberFormat.NATIONAL)),
                        digits(UTIL.formatOutOfCountryCallingNumber(example, region)), cc + nsn, "+" + cc + "0" + nsn,
                        digits(UTIL.formatOutOfCountryCallingNumber(example, neighbour)),
                        "+" + cc + nsn.substring(0, Math.max(1, nsn.length() - 2)), nsn + rnd.nextInt(10));
                for (String written : writings) {
                    for (String against : List.of(region, neighbour, regions.get(rnd.nextInt(regions.size())), "ZZ", "AQ")) {
                        checked.check(written, against);
                    }
                }
            }
        }
        for (int i = 0; i < 60_000; i++) {
            String digits = randomDigits(rnd, rnd.nextInt(1, 19));
            String written = switch (rnd.nextInt(4)) {
                case 0 -> digits;
                case 1 -> "+" + digits;
                case 2 -> "+" + codes.get(rnd.nextInt(codes.size())) + digits;
                default -> codes.get(rnd.nextInt(codes.size())) + digits;
            };
            checked.check(written, rnd.nextInt(8) == 0 ? "ZZ" : regions.get(rnd.nextInt(regions.size())));
        }
        // the reader must take the plain shapes, or the test proves nothing
        assertThat(checked.read).as("numbers the reader read").isGreaterThan(40_000);
        assertThat(checked.leftToTheLibrary).as("numbers it left to the library").isGreaterThan(10_000);
    }

    @Test
    void takesTheUsualShapesAndLeavesPrefixesToTheLibrary() {
        assertThat(PlainPhoneReader.read("+34612345678", "ES")).isNotNull();
        assertThat(PlainPhoneReader.read("612345678", "ES")).isNotNull();
        assertThat(PlainPhoneReader.read("+390612345678", "ZZ").isItalianLeadingZero()).isTrue();
        // a 0 after the international dialling prefix, the country's own code, a national prefix: the library decides
        assertThat(PlainPhoneReader.read("0034612345678", "ES")).isNotNull();
        assertThat(PlainPhoneReader.read("01134612345678", "US")).isNotNull();
        assertThat(PlainPhoneReader.read("000612345678", "ES")).isNull();
        assertThat(PlainPhoneReader.read("34612345678", "ES")).isNull();
        assertThat(PlainPhoneReader.read("07400123456", "GB")).isNull();
        assertThat(PlainPhoneReader.read("+4407400123456", "ES")).isNull();
        // no default country, an unknown code, anything but digits
        assertThat(PlainPhoneReader.read("612345678", "ZZ")).isNull();
        assertThat(PlainPhoneReader.read("+999612345678", "ES")).isNull();
        assertThat(PlainPhoneReader.read("+34 612345678", "ES")).isNull();
        assertThat(PlainPhoneReader.read("+34612345678x1", "ES")).isNull();
    }

    private static final class Checked {
        int read;
        int leftToTheLibrary;

        void check(String written, String region) {
            Phonenumber.PhoneNumber quick = PlainPhoneReader.read(written, region);
            if (quick == null) {
                leftToTheLibrary++;
                return;
            }
            read++;
            Phonenumber.PhoneNumber library;
            try {
                library = UTIL.parse(written, region);
            } catch (NumberParseException e) {
                throw new AssertionError(written + " in " + region + ": read as " + quick + ", the library refuses it: " + e);
            }
            assertThat(quick.exactlySameAs(library)).as("%s in %s: read as %s, the library reads %s", written, region, quick, library)
                    .isTrue();
        }
    }

    private static String digits(String s) {
        return s.replaceAll("[^0-9+]", "");
    }

    private static String randomDigits(SplittableRandom rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }
}
