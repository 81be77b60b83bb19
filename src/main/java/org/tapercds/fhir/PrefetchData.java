package org.tapercds.fhir;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What the request (or the fallback) provided for one prefetch key, following CDS Hooks 2.0: a key
 * that is absent was not fetched; {@code null} means no data; an {@code OperationOutcome} means
 * the EHR failed to fetch it.
 *
 * @param status which of those cases applies
 * @param resources the parsed resources (the entries of a Bundle, or the single resource); empty
 *     unless {@link Status#PRESENT}
 */
public record PrefetchData(Status status, List<IBaseResource> resources) {

    public enum Status {
        /** The key was not in {@code prefetch}: not fetched. */
        ABSENT,
        /** JSON {@code null}: fetched, nothing there. */
        EMPTY,
        /** An {@code OperationOutcome}: the EHR tried and failed. */
        FAILED,
        /** A resource or a Bundle of resources (possibly with no entries). */
        PRESENT
    }

    public PrefetchData {
        resources = List.copyOf(resources);
    }

    public static final PrefetchData ABSENT = new PrefetchData(Status.ABSENT, List.of());
    public static final PrefetchData EMPTY = new PrefetchData(Status.EMPTY, List.of());
    public static final PrefetchData FAILED = new PrefetchData(Status.FAILED, List.of());

    public static PrefetchData present(List<? extends IBaseResource> resources) {
        return new PrefetchData(Status.PRESENT, List.copyOf(resources));
    }

    /** True when the data is usable for evaluation (present, or known to be empty). */
    public boolean available() {
        return status == Status.PRESENT || status == Status.EMPTY;
    }
}
