package org.tapercds.fhir;

/**
 * The prefetch templates the services advertise in discovery, by key: the one source of the
 * queries, used by the EHR for prefetch and by the fallback when it fetches a key itself. The
 * edge's {@code hooks.PrefetchTemplates} implements it.
 */
public interface PrefetchQueries {

    /** The one template variable the templates use. */
    String PATIENT_ID = "{{context.patientId}}";

    /** The template of {@code key}, e.g. {@code Patient/{{context.patientId}}}. */
    String template(PrefetchKey key);

    /**
     * The template with the patient id filled in, relative to the FHIR server's base.
     *
     * @param patientId a FHIR id (checked by the request reader)
     */
    default String query(PrefetchKey key, String patientId) {
        return template(key).replace(PATIENT_ID, patientId);
    }
}
