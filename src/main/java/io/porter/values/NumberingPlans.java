package io.porter.values;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.regex.Pattern;

/**
 * libphonenumber's numbering plans as {@link PlainPhoneReader} and {@link PhoneValidity} read them: the region
 * metadata from the library's own public source, and its patterns compiled the way the library compiles them.
 */
final class NumberingPlans {

    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();

    private NumberingPlans() {
    }

    /**
     * The metadata of a region the library reads numbers for ("001", the non-geographic entity, by its calling code),
     * or null for any other code.
     */
    static PhoneMetadata of(String regionCode, int callingCode) {
        if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(regionCode)) {
            return METADATA.getMetadataForNonGeographicalRegion(callingCode);
        }
        return PhoneNumberUtil.getInstance().getSupportedRegions().contains(regionCode) ? METADATA.getMetadataForRegion(regionCode) : null;
    }

    /** A metadata pattern as libphonenumber compiles it (no flags); null where the metadata has none. */
    static Pattern pattern(String regex) {
        return regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }
}
