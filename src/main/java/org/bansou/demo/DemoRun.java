package org.bansou.demo;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} command: once the app is up, generates the demo company into an empty database and prints
 * how to sign in. A database that already has accounts is left as it is, so restarting never duplicates.
 */
@Component
@ConditionalOnProperty(name = "bansou.command", havingValue = "demo")
@Order(90)
class DemoRun implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    private final DemoCompany company;
    private final MessageSource messages;
    private final Environment environment;

    DemoRun(DemoCompany company, MessageSource messages, Environment environment) {
        this.company = company;
        this.messages = messages;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoOptions options = DemoOptions.from(args.getSourceArgs());
        long existing = company.accountsInDatabase();
        if (existing > 0) {
            log.info(text("demo.skipped", existing));
            return;
        }
        DemoSummary summary = company.generate(options.seed(), options.accounts());
        // the web server has started by now, so its actual port is known
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.warn("""

                ------------------------------------------------------------
                 {}
                 {}
                ------------------------------------------------------------""",
                text("demo.summary", summary.accounts(), summary.payingAccounts(), summary.subscriptions(),
                        summary.mrrToday(), summary.elapsed().toMillis() / 1000.0),
                text("demo.signIn", port).replace("\n", "\n "));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.getDefault());
    }
}
