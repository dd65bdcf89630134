package org.bansou.demo;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;

/** Prints how far a generation has come, so 100,000 accounts never look like a hang. */
final class DemoProgress {

    private static final Logger log = LoggerFactory.getLogger(DemoProgress.class);
    private final MessageSource messages;
    private final long startedAt = System.nanoTime();

    DemoProgress(MessageSource messages) {
        this.messages = messages;
    }

    void announce(long seed, int accounts, java.time.LocalDate today) {
        log.info(text("demo.progress.start", String.valueOf(seed), accounts, today.toString()));
    }

    void written(String label, long done, long total) {
        log.info(text("demo.progress.written", label, done, total, seconds()));
    }

    void chapterDone(String chapter, double chapterSeconds) {
        log.info(text("demo.progress.chapter", chapter, chapterSeconds, seconds()));
    }

    double seconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.getDefault());
    }
}
