package org.tapercds.console;

import org.springframework.stereotype.Component;
import org.tapercds.alerts.ReviewActions;
import org.tapercds.alerts.StoredAction;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/** A review action as a page or a script asks for it: checked, then recorded by {@link ReviewActions}. */
@Component
class ReviewActionRequests {

    private final ReviewActions actions;

    ReviewActionRequests(ReviewActions actions) {
        this.actions = actions;
    }

    /** Records it, or refuses: 400 for an unknown action or a note too long, 404 for an unknown alert. */
    StoredAction record(String alertId, String action, String note, String actor) {
        ReviewActions.Action parsed = ReviewActions.Action.parse(action)
                .orElseThrow(() -> ApiException.invalid("action", "must be acknowledge, escalate or resolve"));
        if (note != null && note.length() > ReviewActions.MAX_NOTE_LENGTH) {
            throw ApiException.invalid("note", "must be at most " + ReviewActions.MAX_NOTE_LENGTH + " characters");
        }
        return actions.record(alertId, parsed, note, actor).orElseThrow(ReviewActionRequests::unknownAlert);
    }

    static String statusAfter(StoredAction action) {
        return ReviewActions.Action.parse(action.action()).orElseThrow().status();
    }

    static ApiException unknownAlert() {
        return new ApiException(ErrorCode.NOT_FOUND, "No alert with this id", "id");
    }
}
