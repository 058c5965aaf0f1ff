package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PhoneValidity} must say of every number what libphonenumber's {@code isValidNumber} says. */
class PhoneValidityTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * Every region's and non-geographic entity's example number of every type, and numbers near them: a digit
     * changed, one added or taken away, a leading zero, the digits of another type or region under its code; then
     * random national numbers under every calling code and under codes that do not exist. Regions that share a code
     * (+1, +7, +44, +262, +590…) are among them, so the choice of region is held to the library's too.
     */
    @Test
    void saysWhatLibphonenumberSays() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Phonenumber.PhoneNumber> examples = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber n = UTIL.getExampleNumberForType(region, type);
                if (n != null) {
                    examples.add(n);
                }
            }
        }
        for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            examples.add(UTIL.getExampleNumberForNonGeoEntity(code));
        }
        List<Integer> codes = new ArrayList<>(UTIL.getSupportedCallingCodes());
        int valid = 0;
        int invalid = 0;
        int checked = 0;
        for (int round = 0; round < 12; round++) {
            for (Phonenumber.PhoneNumber example : examples) {
                String nsn = UTIL.getNationalSignificantNumber(example);
                String digits = switch (round) {
                    case 0 -> nsn;
                    case 1 -> nsn + rnd.nextInt(10);
                    case 2 -> nsn.substring(0, nsn.length() - 1);
                    case 3 -> "0" + nsn;
                    case 4, 5, 6, 7 -> {
                        char[] c = nsn.toCharArray();
                        c[rnd.nextInt(c.length)] = (char) ('0' + rnd.nextInt(10));
                        yield new String(c);
                    }
                    default -> UTIL.getNationalSignificantNumber(examples.get(rnd.nextInt(examples.size())));
                };
                int code = round == 11 ? codes.get(rnd.nextInt(codes.size())) : example.getCountryCode();
                boolean says = check(code, digits);
                valid += says ? 1 : 0;
                invalid += says ? 0 : 1;
                checked++;
            }
        }
        for (int i = 0; i < 100_000; i++) {
            int code = rnd.nextInt(5) == 0 ? rnd.nextInt(1, 1000) : codes.get(rnd.nextInt(codes.size()));
            StringBuilder digits = new StringBuilder();
            for (int k = rnd.nextInt(2, 17); k > 0; k--) {
                digits.append((char) ('0' + rnd.nextInt(10)));
            }
            boolean says = check(code, digits.toString());
            valid += says ? 1 : 0;
            invalid += says ? 0 : 1;
            checked++;
        }
        assertThat(checked).isGreaterThan(100_000);
        assertThat(valid).as("valid numbers among them").isGreaterThan(5_000);
        assertThat(invalid).as("invalid numbers among them").isGreaterThan(10_000);
    }

    /** The number the library reads for these digits under this code, asked both ways. */
    private static boolean check(int code, String digits) {
        Phonenumber.PhoneNumber n = PlainPhoneReader.number(code, digits);
        boolean library = UTIL.isValidNumber(n);
        assertThat(PhoneValidity.isValid(n)).as("+%d %s", code, digits).isEqualTo(library);
        return library;
    }
}
