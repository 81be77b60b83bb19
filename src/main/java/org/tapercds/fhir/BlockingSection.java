package org.tapercds.fhir;

import java.util.function.Supplier;

/**
 * Runs blocking I/O of a call without holding CPU capacity meant for evaluations. The edge's
 * evaluation gate implements it: the call's evaluation slot is given up while {@code io} runs and
 * taken back afterwards, waiting in line like any call (ADR 0009). Outside a slot it just runs
 * {@code io}.
 */
public interface BlockingSection {

    /**
     * @return what {@code io} returned
     * @throws org.tapercds.system.ApiException 503 {@code overloaded} when no slot frees in time
     *     afterwards
     */
    <T> T outside(Supplier<T> io);

    /** No gate: runs the I/O in place. */
    BlockingSection NONE = new BlockingSection() {
        @Override
        public <T> T outside(Supplier<T> io) {
            return io.get();
        }
    };
}
