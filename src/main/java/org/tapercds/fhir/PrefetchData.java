package org.tapercds.fhir;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What the request (or the fallback) provided for one prefetch key, following CDS Hooks 2.0: a key
 * that is absent was not fetched; {@code null} means no data; an {@code OperationOutcome} means
 * the EHR failed to fetch it. A searchset Bundle whose {@code link} has a {@code next} page is only
 * the first part of the data: it is not available until the other pages are fetched.
 *
 * @param status which of those cases applies
 * @param resources the parsed resources (the entries of a Bundle, or the single resource); empty
 *     unless {@link Status#PRESENT}
 * @param nextPage the URL of the Bundle's {@code next} page, when there are more pages than these
 *     resources ({@link Status#PRESENT} only)
 * @param leftOut entries of the Bundle not read because the call sent more than {@code
 *     taper.limits.max-entries-per-key}: the oldest ({@link FhirJsonReader})
 */
public record PrefetchData(Status status, List<IBaseResource> resources, Optional<String> nextPage, int leftOut) {

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
        if (nextPage.isPresent() && status != Status.PRESENT) {
            throw new IllegalArgumentException("only present data can have a next page");
        }
    }

    public PrefetchData(Status status, List<IBaseResource> resources) {
        this(status, resources, Optional.empty(), 0);
    }

    public PrefetchData(Status status, List<IBaseResource> resources, Optional<String> nextPage) {
        this(status, resources, nextPage, 0);
    }

    public static final PrefetchData ABSENT = new PrefetchData(Status.ABSENT, List.of());
    public static final PrefetchData EMPTY = new PrefetchData(Status.EMPTY, List.of());
    public static final PrefetchData FAILED = new PrefetchData(Status.FAILED, List.of());

    public static PrefetchData present(List<? extends IBaseResource> resources) {
        return new PrefetchData(Status.PRESENT, List.copyOf(resources));
    }

    /** Present data that is one part of a paged search: {@code nextPage} holds the rest. */
    public static PrefetchData present(List<? extends IBaseResource> resources, Optional<String> nextPage) {
        return new PrefetchData(Status.PRESENT, List.copyOf(resources), nextPage, 0);
    }

    /**
     * Present data of which only part is evaluated: the call sent more entries than {@code
     * taper.limits.max-entries-per-key}, and {@code leftOut} of the oldest were not read.
     */
    public static PrefetchData present(
            List<? extends IBaseResource> resources, Optional<String> nextPage, int leftOut) {
        return new PrefetchData(Status.PRESENT, List.copyOf(resources), nextPage, leftOut);
    }

    /** True when the data is usable for evaluation (present and complete, or known to be empty). */
    public boolean available() {
        return (status == Status.PRESENT && nextPage.isEmpty()) || status == Status.EMPTY;
    }

    /** True when the data is the first part of a paged search whose other pages are not here yet. */
    public boolean hasMorePages() {
        return nextPage.isPresent();
    }
}
