package org.tapercds.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The file watch that reloads the rule base when files under {@code taper.rules-dir} or {@code
 * taper.profiles-dir} change ({@link RuleFileWatcher}).
 *
 * @param enabled whether the directories are watched ({@code taper.rules.watch.enabled}, default
 *     true); without it a reload is asked for with {@code POST /admin/rules/reload}
 * @param debounce how long the files must stay unchanged before the reload starts ({@code
 *     taper.rules.watch.debounce}, default 1 s), so that an editor's save, a {@code git pull} or a
 *     ConfigMap update, each many file events, gives one reload
 */
@ConfigurationProperties("taper.rules.watch")
record RuleWatchProperties(Boolean enabled, Duration debounce) {

    RuleWatchProperties {
        enabled = enabled == null || enabled;
        debounce = debounce == null ? Duration.ofSeconds(1) : debounce;
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("taper.rules.watch.debounce must not be negative");
        }
    }
}
