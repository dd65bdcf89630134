package org.bansou.demo;

import org.bansou.BansouTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BansouTest
class DemoRunTests {

    @Autowired DemoCompany demo;
    @Autowired MessageSource messages;
    @Autowired Environment environment;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void the_demo_command_generates_a_company_only_into_an_empty_database() {
        DemoRun run = new DemoRun(demo, messages, environment);

        run.run(new DefaultApplicationArguments("demo", "--seed", "7", "--accounts", "40"));
        long subscriptions = count("SELECT count(*) FROM subscription");
        run.run(new DefaultApplicationArguments("demo", "--seed=8", "--accounts=60"));

        assertThat(count("SELECT count(*) FROM account")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM subscription")).isEqualTo(subscriptions).isGreaterThanOrEqualTo(40);
        assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(8);
    }

    @Test
    void an_admin_created_at_a_first_start_keeps_its_password_when_the_demo_arrives() {
        org.bansou.security.AppUsers users = context.getBean(org.bansou.security.AppUsers.class);
        users.create("admin", "最初の管理者", null, org.bansou.security.Role.ADMIN, "a-long-random-secret");

        new DemoRun(demo, messages, environment).run(new DefaultApplicationArguments("demo", "--accounts", "20"));

        assertThat(users.findByUsername("admin").orElseThrow().displayName()).isEqualTo("最初の管理者");
        assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM account")).isEqualTo(20);
    }

    @Test
    void seed_and_number_of_accounts_are_read_in_either_spelling_with_defaults_42_and_3000() {
        assertThat(DemoOptions.from("demo")).isEqualTo(new DemoOptions(42, 3_000));
        assertThat(DemoOptions.from("demo", "--seed=7", "--accounts", "100000")).isEqualTo(new DemoOptions(7, 100_000));
        assertThat(DemoOptions.from("demo", "--seed", "7", "--accounts=250")).isEqualTo(new DemoOptions(7, 250));
        assertThatThrownBy(() -> DemoOptions.from("demo", "--accounts", "many"))
                .hasMessageContaining("--accounts takes a whole number");
        assertThatThrownBy(() -> DemoOptions.from("demo", "--seed"))
                .hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> DemoOptions.from("demo", "--accounts=0"))
                .hasMessageContaining("at least 1");
    }

    @Test
    void the_demo_runs_only_for_the_demo_command() {
        assertThat(environment.getProperty("bansou.command")).isEqualTo("test");
        assertThat(context.getBeansOfType(DemoRun.class)).isEmpty();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
