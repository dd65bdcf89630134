package org.bansou.usage;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler as bansou's own settings configure it, with a long job and the per-second rollup's like. */
class SchedulingThreadsTests {

    @Test
    void the_rollup_keeps_running_while_a_long_morning_job_holds_its_own_thread() throws Exception {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withPropertyValues("spring.task.scheduling.pool.size=" + bansouSetting("spring.task.scheduling.pool.size"))
                .withUserConfiguration(Jobs.class)
                .run(context -> {
                    Jobs jobs = context.getBean(Jobs.class);
                    assertThat(jobs.longJobStarted.await(10, TimeUnit.SECONDS)).isTrue();
                    int before = jobs.rollups.get();
                    Thread.sleep(500);
                    try {
                        assertThat(jobs.rollups.get()).as("rollups while the long job runs").isGreaterThan(before + 2);
                    } finally {
                        jobs.longJobMayEnd.countDown();
                    }
                });
    }

    private static String bansouSetting(String name) throws IOException {
        Properties settings = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        return settings.getProperty(name, "1");
    }

    @Configuration
    @EnableScheduling
    static class Jobs {

        final CountDownLatch longJobStarted = new CountDownLatch(1);
        final CountDownLatch longJobMayEnd = new CountDownLatch(1);
        final AtomicInteger rollups = new AtomicInteger();

        @Scheduled(fixedDelay = 60_000)
        void morningScoring() throws InterruptedException {
            longJobStarted.countDown();
            longJobMayEnd.await(20, TimeUnit.SECONDS);
        }

        @Scheduled(fixedDelay = 20)
        void rollup() {
            rollups.incrementAndGet();
        }
    }
}
