package org.bansou.renewal;

/**
 * Where a churn points once judged against the winning path rather than by its stated reason: reached and
 * still churned is a product value gap; not reached is a CS gap; bankruptcy or merger is external.
 */
public enum ChurnTriageClass {
    PRODUCT_GAP, CS_GAP, EXTERNAL;

    public String code() {
        return name().toLowerCase();
    }

    static ChurnTriageClass of(boolean externalReason, boolean winningPathReached) {
        if (externalReason) {
            return EXTERNAL;
        }
        return winningPathReached ? PRODUCT_GAP : CS_GAP;
    }
}
