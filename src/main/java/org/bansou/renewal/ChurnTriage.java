package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Judges each churn against the winning path instead of its stated reason: the path is checked as of the
 * churn day, the criteria kept as a snapshot, and the churn classed as product gap, CS gap or external.
 */
@Component
public class ChurnTriage {

    private final WinningPath path;
    private final ChurnReasons reasons;
    private final ChurnRecords records;
    private final ObjectMapper json;

    ChurnTriage(WinningPath path, ChurnReasons reasons, ChurnRecords records, ObjectMapper json) {
        this.path = path;
        this.reasons = reasons;
        this.records = records;
        this.json = json;
    }

    /** A churn to triage: the account, the day it churned, what it lost, and what was heard. */
    public record HeardChurn(long accountId, Long renewalId, LocalDate churnedOn, String currency, long mrrLost,
                             ChurnForm form, String recordedBy, Instant recordedAt) {
    }

    /** Triages one churn and stores it; returns the record. */
    public ChurnRecord record(HeardChurn churn) {
        ChurnReason reason = churn.form().reasonId() == null ? null : reasons.get(churn.form().reasonId());
        churn.form().check(reason, churn.churnedOn());
        return records.get(recordAll(List.of(churn)).get(0));
    }

    /**
     * Triages many churns with one path check per round over all their accounts (history loads, the demo);
     * an account that churned twice is checked once per churn, each as of its own day.
     */
    public List<Long> recordAll(List<HeardChurn> churns) {
        Map<Long, ChurnReason> byId = new HashMap<>();
        reasons.all().forEach(r -> byId.put(r.id(), r));
        List<List<HeardChurn>> rounds = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        for (HeardChurn churn : churns) {
            int round = seen.merge(churn.accountId(), 1, Integer::sum) - 1;
            if (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(churn);
        }
        List<Long> ids = new ArrayList<>();
        for (List<HeardChurn> round : rounds) {
            Map<Long, LocalDate> days = new HashMap<>();
            round.forEach(c -> days.put(c.accountId(), c.churnedOn()));
            Map<Long, WinningPath.PathCheck> checks = path.check(days);
            List<ChurnRecords.NewChurnRecord> rows = new ArrayList<>();
            for (HeardChurn churn : round) {
                WinningPath.PathCheck check = checks.get(churn.accountId());
                ChurnReason reason = byId.get(churn.form().reasonId());
                ChurnTriageClass triage = ChurnTriageClass.of(reason.external(), check.reached());
                String heardBy = churn.form().heardBy() == null || churn.form().heardBy().isBlank()
                        ? churn.recordedBy() : churn.form().heardBy().strip();
                rows.add(new ChurnRecords.NewChurnRecord(churn.accountId(), churn.renewalId(), churn.churnedOn(),
                        reason.id(), blankToNull(churn.form().reasonText()), heardBy, churn.form().heardVia(),
                        check.reached(), snapshot(check), triage, blankToNull(churn.form().missingHelp()),
                        churn.currency(), churn.mrrLost(), churn.recordedBy(), churn.recordedAt()));
            }
            ids.addAll(records.addAll(rows));
        }
        return ids;
    }

    private String snapshot(WinningPath.PathCheck check) {
        try {
            return json.writeValueAsString(Map.of("asOf", check.asOf().toString(), "reached", check.reached(),
                    "criteria", check.criteria()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
