package org.bansou.importing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportingMessagesTests {

    static Properties bundle(String name) throws IOException {
        Properties messages = new Properties();
        try (Reader reader = new InputStreamReader(
                ImportingMessagesTests.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        return messages;
    }

    @Test
    void every_import_text_and_problem_is_worded_in_english_and_in_japanese() throws IOException {
        Properties english = bundle("importing.properties");
        Properties japanese = bundle("importing_ja.properties");

        assertThat(japanese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).allMatch(key -> key.startsWith("importing."));
    }

    @Test
    void no_message_loses_an_apostrophe_to_message_format() throws IOException {
        // MessageFormat reads ' as a quote: "Excel's" would show as "Excels" and hide the placeholders after it
        for (String name : new String[] {"importing.properties", "importing_ja.properties"}) {
            Properties messages = bundle(name);
            assertThat(messages.stringPropertyNames()).as(name)
                    .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).doesNotContain("'"));
        }
    }
}
