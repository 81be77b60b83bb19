package org.tapercds.facts;

/** The CDS Hooks this service answers. */
public enum Hook {
    ORDER_SIGN("order-sign"),
    ORDER_SELECT("order-select"),
    PATIENT_VIEW("patient-view");

    private final String wireName;

    Hook(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean reviewsDrafts() {
        return this != PATIENT_VIEW;
    }
}
