package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The row errors PostgreSQL writes come from the bundles as format strings for its format(). */
class ClassifierTextsTest {

    @Test
    void aPatternBecomesAFormatStringWithNumberedArgumentsInTheLanguagesOrder() {
        assertThat(Classifier.sqlFormat("error.row.identifier-in-rows", 3, Locale.ENGLISH))
                .isEqualTo("%1$s %2$s is also in row %3$s: an identifier may appear only once in the file; merge those rows or fix them");
        assertThat(Classifier.sqlFormat("error.row.skipped-missing", 2, Locale.forLanguageTag("es")))
                .isEqualTo("omitida: ningún contacto tiene %1$s %2$s, y esta importación solo actualiza contactos existentes");
        assertThat(Classifier.sqlFormat("error.row.and-more", 1, Locale.ENGLISH)).isEqualTo(" and %1$s more");
    }
}
