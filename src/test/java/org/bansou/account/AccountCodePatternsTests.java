package org.bansou.account;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountCodePatternsTests {

    @Test
    void the_api_accepts_exactly_the_codes_an_import_accepts_and_names_them_all_when_it_refuses() {
        sameCodes(AccountCodePatterns.EMPLOYEE_BAND, AccountCodePatterns.EMPLOYEE_BAND_MESSAGE,
                AccountCodes.EMPLOYEE_BANDS);
        sameCodes(AccountCodePatterns.DECISION_STYLE, AccountCodePatterns.DECISION_STYLE_MESSAGE,
                AccountCodes.DECISION_STYLES);
        sameCodes(AccountCodePatterns.TOUCH_TIER, AccountCodePatterns.TOUCH_TIER_MESSAGE, AccountCodes.TOUCH_TIERS);
        sameCodes(AccountCodePatterns.LIFECYCLE_STAGE, AccountCodePatterns.LIFECYCLE_STAGE_MESSAGE,
                AccountCodes.LIFECYCLE_STAGES);
        sameCodes(AccountCodePatterns.CHANNEL, AccountCodePatterns.CHANNEL_MESSAGE, AccountCodes.CHANNELS);
        sameCodes(AccountCodePatterns.ENVIRONMENT_KIND, AccountCodePatterns.ENVIRONMENT_KIND_MESSAGE,
                AccountCodes.ENVIRONMENT_KINDS);
        sameCodes(AccountCodePatterns.DETECTED_VIA, AccountCodePatterns.DETECTED_VIA_MESSAGE,
                AccountCodes.DETECTED_VIA);
    }

    private static void sameCodes(String regex, String message, List<String> codes) {
        Pattern pattern = Pattern.compile(regex);
        assertThat(codes).allMatch(code -> pattern.matcher(code).matches());
        assertThat(message).isEqualTo("must be one of " + String.join(", ", codes));
        // every alternative of the pattern is one of the codes, so the API accepts nothing the import refuses
        assertThat(regex.replace("\\+", "+").split("\\|")).containsExactlyInAnyOrderElementsOf(codes);
    }
}
