package io.porter.values;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Whether libphonenumber's {@code isValidNumber} holds for a number, decided from the library's own metadata and
 * patterns. The library finds the number's type to say that: it looks up the region's metadata by building a resource
 * name for every look-up, and tries the rare types (premium rate, toll free, shared cost, VoIP…) before the fixed and
 * mobile lines nearly every imported number is. Validity asks only whether some type matches, so here the commonest
 * are tried first, against patterns compiled once per region, and the number's region is chosen as the library chooses
 * it. A randomised test over every region's numbers holds each answer to the library's.
 */
final class PhoneValidity {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** A number description: its possible lengths (none listed: any) and its national number pattern (none: never). */
    private record Desc(int[] lengths, Pattern pattern) {

        static Desc of(PhoneNumberDesc d) {
            int[] lengths = d.getPossibleLengthList().stream().mapToInt(Integer::intValue).toArray();
            return new Desc(lengths, NumberingPlans.pattern(d.getNationalNumberPattern()));
        }

        boolean matches(String nationalNumber) {
            if (pattern == null) {
                return false;
            }
            if (lengths.length > 0) {
                boolean possible = false;
                for (int length : lengths) {
                    possible |= length == nationalNumber.length();
                }
                if (!possible) {
                    return false;
                }
            }
            return pattern.matcher(nationalNumber).matches();
        }
    }

    /** One region's metadata as validity needs it; the types most numbers are come first. */
    private record Region(Pattern leadingDigits, Desc general, List<Desc> types) {

        static Region of(PhoneMetadata m) {
            List<Desc> types = new ArrayList<>();
            // with the same pattern for both, the library tries the fixed line only
            if (!m.getSameMobileAndFixedLinePattern()) {
                types.add(Desc.of(m.getMobile()));
            }
            for (PhoneNumberDesc d : List.of(m.getFixedLine(), m.getTollFree(), m.getPremiumRate(), m.getSharedCost(), m.getVoip(),
                    m.getPersonalNumber(), m.getPager(), m.getUan(), m.getVoicemail())) {
                types.add(Desc.of(d));
            }
            Pattern leading = m.hasLeadingDigits() ? Pattern.compile(m.getLeadingDigits()) : null;
            return new Region(leading, Desc.of(m.getGeneralDesc()), List.copyOf(types));
        }

        /** What the library's number type is not UNKNOWN for. */
        boolean hasType(String nationalNumber) {
            if (!general.matches(nationalNumber)) {
                return false;
            }
            for (Desc type : types) {
                if (type.matches(nationalNumber)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The regions of each calling code, in the library's order; the non-geographic entity as "001". */
    private static final Map<Integer, List<Region>> BY_CALLING_CODE = new ConcurrentHashMap<>();

    private PhoneValidity() {
    }

    static boolean isValid(Phonenumber.PhoneNumber number) {
        List<Region> regions = BY_CALLING_CODE.computeIfAbsent(number.getCountryCode(), PhoneValidity::regions);
        if (regions.isEmpty()) {
            return false;
        }
        String nationalNumber = UTIL.getNationalSignificantNumber(number);
        if (regions.size() == 1) {
            return regions.get(0).hasType(nationalNumber);
        }
        // a code shared by several regions: the number is the first region's whose leading digits it has, or whose
        // types it matches (the library's getRegionCodeForNumber), and valid when it matches that region's types
        for (Region region : regions) {
            if (region.leadingDigits() != null) {
                if (region.leadingDigits().matcher(nationalNumber).lookingAt()) {
                    return region.hasType(nationalNumber);
                }
            } else if (region.hasType(nationalNumber)) {
                return true;
            }
        }
        return false;
    }

    private static List<Region> regions(int callingCode) {
        List<Region> regions = new ArrayList<>();
        for (String code : UTIL.getRegionCodesForCountryCode(callingCode)) {
            PhoneMetadata m = NumberingPlans.of(code, callingCode);
            if (m == null) {
                // not one the library has metadata for: it calls no such number valid
                return List.of();
            }
            regions.add(Region.of(m));
        }
        return List.copyOf(regions);
    }
}
