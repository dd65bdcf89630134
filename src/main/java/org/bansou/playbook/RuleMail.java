package org.bansou.playbook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A rule's email to each fired account's key person, through the SMTP server configured with
 * {@code spring.mail.host} (and port, user, password). Subject and body are the rule's template with
 * placeholders {@code {account}}, {@code {contact}}, {@code {owner}}, {@code {stage}}, {@code {renewsOn}}.
 */
@Component
class RuleMail {

    record Recipient(long accountId, String account, String contact, String email, String owner, String stage,
                     java.time.LocalDate renewsOn) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final Lifecycle lifecycle;
    private final String from;

    RuleMail(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, Lifecycle lifecycle,
             @Value("${bansou.mail.from:bansou@localhost}") String from) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.lifecycle = lifecycle;
        this.from = from;
    }

    /** Sends one email per account; returns what happened for each (sent, no address, failed). */
    Map<Long, String> send(TouchRule rule, List<Long> accountIds) {
        Map<Long, String> outcomes = new HashMap<>();
        JavaMailSender mailer = sender.getIfAvailable();
        Map<String, Lifecycle.StageLabel> stages = lifecycle.stagesByCode();
        for (Recipient to : recipients(accountIds)) {
            if (to.email() == null) {
                outcomes.put(to.accountId(), "no email address");
            } else if (mailer == null) {
                outcomes.put(to.accountId(), "not sent: no SMTP server configured (spring.mail.host)");
            } else {
                try {
                    MimeMessage message = mailer.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                    helper.setFrom(from);
                    helper.setTo(to.email());
                    helper.setSubject(fill(rule.mailSubject(), to, stages, rule.mailLanguage()));
                    helper.setText(fill(rule.mailBody(), to, stages, rule.mailLanguage()));
                    mailer.send(message);
                    outcomes.put(to.accountId(), "email sent to " + to.email());
                } catch (Exception e) {
                    outcomes.put(to.accountId(), "email failed: " + e.getMessage());
                }
            }
        }
        accountIds.forEach(id -> outcomes.putIfAbsent(id, "no email address"));
        return outcomes;
    }

    static String fill(String template, Recipient to, Map<String, Lifecycle.StageLabel> stages, String language) {
        Lifecycle.StageLabel stage = stages.get(to.stage());
        return template.replace("{account}", to.account())
                .replace("{contact}", to.contact() == null ? "" : to.contact())
                .replace("{owner}", to.owner() == null ? "" : to.owner())
                .replace("{stage}", stage == null ? to.stage() : stage.name(language))
                .replace("{renewsOn}", to.renewsOn() == null ? "" : to.renewsOn().toString());
    }

    /** The key person to write to in each account (decision maker, then champion, still there), in one query. */
    private List<Recipient> recipients(List<Long> accountIds) {
        return jdbc.sql("""
                        SELECT a.id AS account_id, a.name AS account, c.name AS contact, c.email, u.display_name AS owner,
                               a.lifecycle_stage AS stage,
                               (SELECT min(s.renews_on) FROM subscription s
                                 WHERE s.account_id = a.id AND s.status = 'active') AS renews_on
                          FROM account a
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                          LEFT JOIN LATERAL (SELECT c.name, c.email
                                               FROM contact c
                                              WHERE c.account_id = a.id
                                                AND c.email IS NOT NULL
                                                AND c.left_on IS NULL
                                              ORDER BY c.is_decision_maker DESC, c.is_champion DESC, c.id
                                              LIMIT 1) c ON true
                         WHERE a.id = ANY(:ids)
                        """)
                .param("ids", accountIds.toArray(Long[]::new))
                .query(Recipient.class)
                .list();
    }
}
