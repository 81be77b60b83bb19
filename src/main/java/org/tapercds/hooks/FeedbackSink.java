package org.tapercds.hooks;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives validated feedback. The persistence layer provides the real one (a bean of this type,
 * joining feedback to the stored alert by card uuid); until then {@link Counting} only counts.
 */
public interface FeedbackSink {

    void accept(List<FeedbackRecord> feedback);

    /** The default sink: counts the items, stores nothing. */
    final class Counting implements FeedbackSink {

        private final AtomicLong received = new AtomicLong();

        @Override
        public void accept(List<FeedbackRecord> feedback) {
            received.addAndGet(feedback.size());
        }

        public long received() {
            return received.get();
        }
    }
}
