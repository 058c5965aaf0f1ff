package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Bundles;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pages in English and in Spanish: every text exists in both, with the same placeholders. */
class MessagesTest {

    @Test
    void everyTextIsInBothLanguagesWithTheSamePlaceholders() {
        Properties en = Bundles.load("messages.properties");
        Properties es = Bundles.load("messages_es.properties");
        assertThat(es.stringPropertyNames()).as("keys of messages_es.properties").isEqualTo(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(Bundles.placeholders(es.getProperty(key))).as(key).isEqualTo(Bundles.placeholders(en.getProperty(key)));
            assertThat(es.getProperty(key)).as(key).isNotBlank();
        }
    }
}
