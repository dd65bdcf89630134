package org.bansou.security;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a database with no users, creates the first admin with a random password and prints how to sign in.
 * There is never a fixed default password outside the demo company.
 */
@Component
@Order(100)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private final AppUsers users;
    private final String command;
    private final String port;

    FirstStart(AppUsers users, @Value("${bansou.command:serve}") String command,
               @Value("${server.port:8080}") String port) {
        this.users = users;
        this.command = command;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!command.equals("serve") || users.count() > 0) {
            return;
        }
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        users.create("admin", "Administrator", null, Role.ADMIN, password);
        log.warn("""

                ------------------------------------------------------------
                 bansou first start: sign in at http://localhost:{}/login
                   user:     admin
                   password: {}
                 This password is shown only now. Change it after signing in.
                ------------------------------------------------------------""", port, password);
    }
}
