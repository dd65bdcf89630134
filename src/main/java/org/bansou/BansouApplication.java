package org.bansou;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * bansou: a self-hosted Customer Success platform. One jar, several commands:
 * {@code serve} (default), {@code demo}, {@code import <kind> <file>}, {@code bench <name>}.
 */
@SpringBootApplication
public class BansouApplication {

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        boolean serves = command.equals("serve") || command.equals("demo");
        SpringApplication app = new SpringApplication(BansouApplication.class);
        // a benchmark generates its own data: on the embedded database it gets a throw-away one
        app.setDefaultProperties(command.equals("bench")
                ? Map.of("bansou.command", command, "bansou.db.ephemeral", "true")
                : Map.of("bansou.command", command));
        if (!serves) {
            app.setWebApplicationType(WebApplicationType.NONE);
        }
        ConfigurableApplicationContext context = app.run(args);
        if (!serves) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The workspace's clock: dates are days in its time zone (default Asia/Tokyo). Tests replace it. */
    @Bean
    Clock clock(@Value("${bansou.zone:Asia/Tokyo}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
