package org.tapercds.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The most recent entries of a prefetch Bundle, when a call sends more than {@code
 * taper.limits.max-entries-per-key}: one call's work and memory stay bounded. Recent by the date the
 * entry's resource is about — an order's {@code authoredOn} or start, an observation's effective
 * time or issue, a condition's recorded or onset date (the latest of those it has; ISO dates compare
 * as text) — entries without such a date counting as the oldest. Used while the request body is
 * read ({@link Collector}, so the entries left out are never all held at once) and again when a
 * Bundle is parsed.
 */
public final class RecentEntries {

    /**
     * The member the body reader adds to a Bundle it cut, with how many entries it left out. Not a
     * FHIR element name (those never start with {@code #}); a request that sends it is refused.
     */
    public static final String LEFT_OUT = "#taper-cds.leftOut";

    private static final List<String> DATE_PATHS = List.of(
            "/authoredOn",
            "/dosageInstruction/0/timing/repeat/boundsPeriod/start",
            "/dispenseRequest/validityPeriod/start",
            "/effectiveDateTime",
            "/effectivePeriod/start",
            "/effectiveInstant",
            "/issued",
            "/recordedDate",
            "/onsetDateTime",
            "/onsetPeriod/start");

    private static final Comparator<String> OLDEST_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private RecentEntries() {}

    /** The date an entry's resource is about; null when it has none. */
    static String dateOf(JsonNode entry) {
        JsonNode resource = entry == null ? null : entry.get("resource");
        if (resource == null) {
            return null;
        }
        String latest = null;
        for (String path : DATE_PATHS) {
            JsonNode value = resource.at(path);
            if (value.isString() && (latest == null || value.stringValue().compareTo(latest) > 0)) {
                latest = value.stringValue();
            }
        }
        return latest;
    }

    /** Keeps the {@code limit} most recent of the entries added, in their original order. */
    public static final class Collector {

        private record Kept(String date, int index, JsonNode entry) {}

        private final int limit;
        /** The oldest kept entry at the head (among equal dates, the later one: it goes first). */
        private final PriorityQueue<Kept> kept;

        private int added;

        public Collector(int limit) {
            this.limit = limit;
            this.kept = new PriorityQueue<>(Comparator.comparing(Kept::date, OLDEST_FIRST)
                    .thenComparing(Comparator.comparingInt(Kept::index).reversed()));
        }

        public void add(JsonNode entry) {
            Kept candidate = new Kept(dateOf(entry), added++, entry);
            if (kept.size() < limit) {
                kept.add(candidate);
                return;
            }
            Kept oldest = kept.peek();
            if (OLDEST_FIRST.compare(candidate.date(), oldest.date()) > 0) {
                kept.poll();
                kept.add(candidate);
            }
        }

        /** The entries kept, in the order they came. */
        public ArrayNode entries() {
            List<Kept> inOrder = new ArrayList<>(kept);
            inOrder.sort(Comparator.comparingInt(Kept::index));
            ArrayNode array = JsonNodeFactory.instance.arrayNode(inOrder.size());
            inOrder.forEach(k -> array.add(k.entry()));
            return array;
        }

        public int leftOut() {
            return added - kept.size();
        }
    }
}
