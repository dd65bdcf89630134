package org.bansou.success;

import java.time.YearMonth;
import java.util.List;

import org.bansou.usage.FeatureDay;
import org.bansou.usage.UsageDaily;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * Measures an account's actual value of a month from its usage by its formula (events × minutes saved × hourly
 * cost) and appends it as an actual value record whose evidence names the count it rests on.
 */
@Component
public class ValueMeasurement {

    private final ValueFormulas formulas;
    private final ValueRecords values;
    private final UsageDaily usage;

    ValueMeasurement(ValueFormulas formulas, ValueRecords values, UsageDaily usage) {
        this.formulas = formulas;
        this.values = values;
        this.usage = usage;
    }

    public ValueRecord measure(long accountId, YearMonth month, String by) {
        ValueFormula formula = formulas.forAccount(accountId).orElseThrow(() -> new InvalidFieldException(
                "formula", "account " + accountId + " has no value formula; set one or enter the actual value"));
        long events = usage.featuresByDay(accountId, month.atDay(1), month.atEndOfMonth(), List.of(formula.event()))
                .stream().mapToLong(FeatureDay::times).sum();
        String basis = "usage: " + formula.event() + " × " + formula.minutesPerEvent().stripTrailingZeros()
                .toPlainString() + " min × " + formula.hourlyCost() + " " + formula.currency() + "/h";
        return values.append(new ValueRecords.NewValue(accountId, "actual", formula.valueOf(events),
                formula.currency(), basis, events + " " + formula.event() + " in " + month, month.atEndOfMonth(), by));
    }
}
