package org.bansou.playbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.bansou.BansouTest;
import org.bansou.account.EnvironmentEvents;
import org.bansou.health.HealthBand;
import org.bansou.health.HealthBandChanged;
import org.bansou.health.HealthBands;
import org.bansou.health.HealthBandsChangedInBulk;
import org.bansou.health.HealthComponent;
import org.bansou.health.HealthMetric;
import org.bansou.health.HealthModelForm;
import org.bansou.health.HealthModels;
import org.bansou.health.HealthScoring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@BansouTest
@Import(PlaybookWorld.class)
class TechTouchTests {

    // the port application-test.properties gives spring.mail.port
    @RegisterExtension
    static GreenMailExtension mailbox = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

    @Autowired PlaybookWorld world;
    @Autowired TouchRules rules;
    @Autowired TechTouch techTouch;
    @Autowired PlaybookRuns runs;
    @Autowired BandChanges bandChanges;
    @Autowired EnvironmentEvents environment;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired PlaybookTimeline timeline;
    @Autowired HealthModels healthModels;
    @Autowired HealthScoring healthScoring;
    @Autowired HealthBands healthBands;

    LocalDate today = LocalDate.of(2026, 11, 20);

    TouchRule rule(String name, String stage, String tier, String signal, Integer days, String action) {
        return rules.create(new RuleForm(name, stage, tier, signal, days, action, "更新前の確認電話", 3, null, "ja",
                "{account} 様: ご契約の更新について", "{contact} 様\n\n{renewsOn} に更新日を迎えます。担当 {owner}")
                .validated(), "tanaka", PlaybookWorld.WRITTEN);
    }

    @Test
    void a_rule_preview_names_exactly_the_accounts_and_mrr_a_run_then_fires_for() {
        world.csm("sato", "佐藤 翔");
        world.account("A-1001", "小林歯科クリニック", "sato", "tech", "retention");
        world.account("A-1002", "山田会計事務所", "sato", "tech", "retention");
        world.account("A-1003", "鈴木工務店", "sato", "high", "retention");
        world.account("A-1004", "田中商店", "sato", "tech", "retention");
        world.subscribes("A-1001", 2, LocalDate.of(2025, 12, 10), today.plusDays(20));
        world.subscribes("A-1002", 3, LocalDate.of(2025, 12, 10), today.plusDays(45));
        world.subscribes("A-1003", 4, LocalDate.of(2025, 12, 10), today.plusDays(10));
        world.subscribes("A-1004", 1, LocalDate.of(2025, 12, 10), today.plusDays(29));
        TouchRule renewal = rule("テックタッチ: 更新 30 日前", null, "tech", "renewal_due", 30, "task");

        TechTouch.Preview preview = techTouch.preview(renewal, today);
        TechTouch.RunResult result = techTouch.run(renewal, today);

        // Yamada renews in 45 days, Suzuki is high touch: neither
        assertThat(preview.matching()).isEqualTo(2);
        assertThat(preview.wouldFireMrrByCurrency()).containsExactly(Map.entry("JPY", 90_000L));
        assertThat(result.fired()).containsExactlyElementsOf(preview.wouldFire());
        assertThat(runs.tasksForAccount(world.accounts.findByExternalId("A-1001").orElseThrow().id()))
                .extracting(PlaybookTask::titleJa, PlaybookTask::dueOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("更新前の確認電話", today.plusDays(3)));
        assertThat(runs.tasksForAccount(world.accounts.findByExternalId("A-1002").orElseThrow().id())).isEmpty();
    }

    @Test
    void a_rule_fires_once_per_account_per_episode_and_again_only_in_a_new_episode() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "tech", "adoption");
        world.subscribes("A-1001", 2, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 6, 1));
        world.used("A-1001", today.minusDays(20), Map.of("login", 3L));
        TouchRule quiet = rule("14 日間利用なし", null, null, "inactive", 14, "task");

        assertThat(techTouch.run(quiet, today).fired()).containsExactly(kobayashi);
        assertThat(techTouch.run(quiet, today.plusDays(1)).fired()).isEmpty(); // still quiet: same episode

        world.used("A-1001", today.plusDays(2), Map.of("login", 1L)); // back in the product: the episode ends
        TechTouch.RunResult back = techTouch.run(quiet, today.plusDays(3));
        assertThat(back.fired()).isEmpty();
        assertThat(back.episodesEnded()).isEqualTo(1);

        TechTouch.RunResult quietAgain = techTouch.run(quiet, today.plusDays(17)); // 15 quiet days: a new episode
        assertThat(quietAgain.fired()).containsExactly(kobayashi);
        assertThat(rules.firingsOf(quiet.id(), 10)).hasSize(2);
        assertThat(runs.tasksForAccount(kobayashi)).hasSize(2);
    }

    @Test
    void an_email_rule_sends_the_key_person_one_japanese_email_per_episode_through_smtp() throws Exception {
        world.csm("sato", "佐藤 翔");
        world.account("A-1001", "小林歯科クリニック", "sato", "tech", "renewal");
        world.keyPerson("A-1001", "小林 健一", "kobayashi@dental.example");
        world.subscribes("A-1001", 2, LocalDate.of(2025, 12, 10), LocalDate.of(2026, 12, 10));
        TouchRule mail = rule("更新 30 日前メール", "renewal", null, "renewal_due", 30, "email");

        techTouch.run(mail, today);
        techTouch.run(mail, today.plusDays(1));

        MimeMessage[] received = mailbox.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("kobayashi@dental.example");
        assertThat(received[0].getSubject()).isEqualTo("小林歯科クリニック 様: ご契約の更新について");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
        assertThat(((String) received[0].getContent())).contains("小林 健一 様", "2026-12-10 に更新日を迎えます",
                "担当 佐藤 翔");
        assertThat(rules.firingsOf(mail.id(), 10)).extracting(TouchRules.Firing::outcome)
                .containsExactly("email sent to kobayashi@dental.example");
    }

    @Test
    void a_band_changed_to_poor_and_a_key_person_leaving_are_conditions_and_what_followed_is_counted() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "retention");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "retention");
        bandChanges.record(new HealthBandChanged(kobayashi, today.minusDays(30), HealthBand.GOOD, HealthBand.POOR, 1, 1));
        bandChanges.record(new HealthBandChanged(yamada, today.minusDays(30), HealthBand.GOOD, HealthBand.POOR, 1, 1));
        bandChanges.record(new HealthBandChanged(yamada, today.minusDays(25), HealthBand.POOR, HealthBand.NEUTRAL, 1, 1));
        environment.record(yamada, "key_person_left", today.minusDays(5), today.minusDays(3), "meeting", null, null);
        TouchRule poor = rule("要注意になった", null, null, "band_poor", null, "task");
        TouchRule keyPerson = rule("キーパーソン離任", null, null, "key_person_left", 30, "task");

        assertThat(techTouch.preview(poor, today).wouldFire()).containsExactly(kobayashi);
        assertThat(techTouch.preview(keyPerson, today).wouldFire()).containsExactly(yamada);

        techTouch.run(poor, today.minusDays(20));
        bandChanges.record(new HealthBandChanged(kobayashi, today.minusDays(10), HealthBand.POOR, HealthBand.NEUTRAL, 1, 1));
        world.used("A-1001", today.minusDays(15), Map.of("login", 1L));

        TouchRules.RuleOutcomes followed = rules.outcomes(today).get(poor.id());
        assertThat(followed.fired()).isEqualTo(1);
        assertThat(followed.bandImprovedShare()).isEqualTo(1.0);
        assertThat(followed.activeWithin14DaysShare()).isEqualTo(1.0);
        assertThat(followed.stillSubscribedShare()).isEqualTo(0.0);
    }

    @Test
    void a_band_change_health_announces_after_its_commit_reaches_the_rules_and_a_firing_shows_on_the_timeline() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "retention");
        TouchRule poor = rule("要注意になった", null, null, "band_poor", null, "task");

        transaction.executeWithoutResult(status -> events.publishEvent(
                new HealthBandChanged(kobayashi, today, HealthBand.NEUTRAL, HealthBand.POOR, 1, 1)));
        techTouch.run(poor, today);

        assertThat(rules.firingsForAccount(kobayashi, 10)).extracting(TouchRules.Firing::ruleId)
                .containsExactly(poor.id());
        assertThat(timeline.factsFor(kobayashi)).extracting(org.bansou.account.TimelineFact::messageKey)
                .containsExactly("playbook.timeline.fired");
    }

    @Test
    void a_day_with_too_many_band_changes_to_announce_one_by_one_still_reaches_the_rules() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "retention");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "retention");
        world.subscribes("A-1001", 2, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 6, 1));
        world.subscribes("A-1002", 2, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 6, 1));
        world.used("A-1001", today.minusDays(1), Map.of("login", 3L)); // then nothing today: poor
        world.used("A-1002", today.minusDays(1), Map.of("login", 3L));
        world.used("A-1002", today, Map.of("login", 3L)); // still good
        healthModels.create(new HealthModelForm("Today's use", null, null, null, 0, BigDecimal.valueOf(70),
                BigDecimal.valueOf(40), List.of(new HealthComponent(HealthMetric.UTILIZATION, null, null, null, 1,
                null, HealthComponent.Direction.HIGHER_IS_BETTER, BigDecimal.valueOf(20), BigDecimal.valueOf(60),
                BigDecimal.ONE)), false, null));
        healthScoring.backfill(List.of(today.minusDays(1), today)); // scored, nothing announced yet
        TouchRule poor = rule("要注意になった", null, null, "band_poor", null, "task");
        assertThat(techTouch.preview(poor, today).wouldFire()).isEmpty();

        transaction.executeWithoutResult(status -> events.publishEvent(
                new HealthBandsChangedInBulk(today, healthBands.bandChangesBetween(today, today))));

        assertThat(techTouch.preview(poor, today).wouldFire()).containsExactly(kobayashi);
        assertThat(jdbc.sql("SELECT count(*) FROM playbook_band_change WHERE account_id = :yamada")
                .param("yamada", yamada).query(Long.class).single()).as("Yamada's band did not change today").isZero();
    }

    @Test
    void a_first_score_counts_for_the_rules_only_when_it_is_poor() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "retention");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "retention");
        TouchRule poor = rule("要注意になった", null, null, "band_poor", null, "task");

        bandChanges.recordAll(List.of(new HealthBandChanged(kobayashi, today, null, HealthBand.POOR, 1, 1),
                new HealthBandChanged(yamada, today, null, HealthBand.GOOD, 1, 1)));

        assertThat(techTouch.preview(poor, today).wouldFire()).containsExactly(kobayashi);
        assertThat(jdbc.sql("SELECT count(*) FROM playbook_band_change WHERE account_id = :yamada")
                .param("yamada", yamada).query(Long.class).single())
                .as("a first score of good asks nothing of a rule: not kept").isZero();
    }
}
