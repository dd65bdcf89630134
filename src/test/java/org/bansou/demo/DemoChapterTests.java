package org.bansou.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bansou.BansouTest;
import org.bansou.account.Accounts;
import org.bansou.account.EnvironmentEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension point, used the way a later capability would: an exit-interview chapter added after the core. */
@BansouTest
@Import(DemoChapterTests.ExitInterviews.class)
class DemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @TestConfiguration
    static class ExitInterviews {
        @Bean
        ExitInterviewChapter exitInterviewChapter(EnvironmentEvents events) {
            return new ExitInterviewChapter(events);
        }
    }

    /** Records an exit interview a few days after every churn it finds in the world. */
    static class ExitInterviewChapter implements DemoChapter {

        final EnvironmentEvents events;
        final List<DemoAccount> seen = new ArrayList<>();

        ExitInterviewChapter(EnvironmentEvents events) {
            this.events = events;
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public String name() {
            return "exit-interviews";
        }

        @Override
        public void write(DemoWorld world) {
            SplittableRandom random = world.random(name());
            List<EnvironmentEvents.NewEvent> interviews = new ArrayList<>();
            for (DemoAccount account : world.accounts()) {
                for (LocalDate churned : account.churnedOn()) {
                    LocalDate on = churned.plusDays(random.nextInt(1, 10));
                    if (!on.isAfter(world.today())) {
                        seen.add(account);
                        interviews.add(new EnvironmentEvents.NewEvent(account.externalId(), "other", on, on, "survey",
                                null, "解約後アンケート回答"));
                    }
                }
            }
            world.writeInSlices("exit interviews", interviews, events::recordAll);
        }
    }

    @Autowired List<DemoChapter> chapters;
    @Autowired ExitInterviewChapter exitInterviews;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MessageSource messages;
    @Autowired Accounts accounts;
    @Autowired java.time.Clock clock;

    @Test
    void a_chapter_added_later_sees_every_churn_and_changes_nothing_written_before_it() {
        DemoCompany withInterviews = new DemoCompany(chapters, clock, transactionManager, messages, accounts);
        DemoCompany coreOnly = new DemoCompany(chapters.stream().filter(c -> c != exitInterviews).toList(), clock,
                transactionManager, messages, accounts);

        assertThat(withInterviews.chapterNames())
                .containsExactly("team", "catalog", "customers", "key-persons", "exit-interviews", "usage", "effort");
        withInterviews.generate(7, 200, TODAY);
        List<String> withChapter = DemoDatabase.fingerprint(jdbc);
        long interviews = jdbc.sql("SELECT count(*) FROM environment_event WHERE kind = 'other'")
                .query(Long.class).single();
        DemoDatabase.empty(jdbc);
        coreOnly.generate(7, 200, TODAY);

        assertThat(DemoDatabase.fingerprint(jdbc)).isEqualTo(withChapter);
        assertThat(interviews).isEqualTo(exitInterviews.seen.size()).isPositive();
        assertThat(exitInterviews.seen).allSatisfy(account -> assertThat(account.churnedOn()).isNotEmpty());
    }
}
