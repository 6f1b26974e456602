package org.journeyplatform.domain.shared;

import java.util.Objects;

/**
 * Thrown by a command handler when a command breaks a {@link RuleViolation rule}. Its message never contains personal
 * data: only the rule, dates and ids, so it is safe to log and to return to the caller.
 */
public class JourneyRuleException extends RuntimeException {

    private final RuleViolation rule;

    public JourneyRuleException(RuleViolation rule, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public RuleViolation rule() {
        return rule;
    }
}
