package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Tests {

    @Test
    void givesTheStandardDigestInLowerCaseHex() {
        // FIPS 180-2, appendix B.1
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(Sha256.hex("abc"));
    }

    @Test
    void givesANewDigestEachTime() {
        Sha256.digest().update((byte) 1);

        assertThat(Sha256.digest().digest()).isEqualTo(Sha256.digest().digest(new byte[0]));
    }
}
