package org.tapercds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One entry of the discovery response (CDS Hooks 2.0 §"CDS Service"). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"hook", "title", "description", "id", "prefetch", "usageRequirements"})
record CdsService(
        String hook,
        String title,
        String description,
        String id,
        PrefetchTemplates.Templates prefetch,
        String usageRequirements) {

    /** The discovery response: {@code {"services": [...]}}. */
    record Discovery(List<CdsService> services) {}
}
