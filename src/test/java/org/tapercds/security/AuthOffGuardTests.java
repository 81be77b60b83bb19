package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthOffGuardTests {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "127.0.0.2", "0:0:0:0:0:0:0:1", " 127.0.0.1 "})
    void allowsAuthOffOnLoopback(String address) {
        assertThat(AuthOffGuard.isLoopback(address)).isTrue();
        assertThatCode(() -> AuthOffGuard.check(address)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "192.168.1.20", "fe80::1", "no-such-host.invalid"})
    void refusesAuthOffOnEveryOtherAddress(String address) {
        assertThat(AuthOffGuard.isLoopback(address)).isFalse();
        assertThatThrownBy(() -> AuthOffGuard.check(address))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taper.security.ehr.enabled=false");
    }
}
