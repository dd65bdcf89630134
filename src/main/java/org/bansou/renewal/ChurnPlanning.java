package org.bansou.renewal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.bansou.importing.ImportError;
import org.bansou.importing.ImportFile;
import org.bansou.renewal.forecast.ChurnForecasts;
import org.bansou.renewal.forecast.PlanLines;
import org.bansou.revenue.RevenueSettings;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.stereotype.Component;

/**
 * Entering the churn plan, by form line or file, all or nothing: a manager's act, since the plan covers the
 * whole book; every line is a new revision in the reporting currency, with who and when.
 */
@Component
class ChurnPlanning {

    private final ChurnForecasts forecasts;
    private final RevenueSettings settings;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    ChurnPlanning(ChurnForecasts forecasts, RevenueSettings settings, AccessRules access, AuditLog audit, Clock clock) {
        this.forecasts = forecasts;
        this.settings = settings;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imported lines, or the problems that stopped the import; nothing is stored when there are problems. */
    record Planned(int lines, List<ImportError> problems) {
    }

    Planned importFile(ImportFile file) {
        access.require(Role.MANAGER);
        PlanLines.Reading reading = PlanLines.read(file);
        if (!reading.ok()) {
            return new Planned(0, reading.problems());
        }
        return store(reading.lines(), file.name());
    }

    Planned enter(ApiForms.PlanBody body) {
        access.require(Role.MANAGER);
        List<ImportError> problems = new java.util.ArrayList<>();
        ChurnForecasts.PlanLine line = PlanLines.line(null, body.period(), body.segment(), body.plannedChurnMrr(),
                body.plannedChurnLogos(), body.note(), problems);
        if (line == null) {
            return new Planned(0, problems);
        }
        return store(List.of(line), null);
    }

    private Planned store(List<ChurnForecasts.PlanLine> lines, String file) {
        int stored = forecasts.planAll(lines, settings.current().reportingCurrency(), access.actor().name(),
                clock.instant());
        audit.record("plan", "churn_forecast", file, null, Map.of("lines", stored));
        return new Planned(stored, List.of());
    }
}
