package org.tapercds.hooks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tapercds.system.LogSafe;

/**
 * One log line per CDS Hooks call: path (service id), hookInstance, status, duration. Nothing from
 * the body: no patient ids, no tokens, no resources. It runs outside Spring Security's filters, so a
 * call refused for its token is logged with the 401 it got, also when the refusal comes from the
 * controller (a replay found beside the call, ADR 0015).
 */
@Component
@Order(CallLogFilter.ORDER)
class CallLogFilter extends OncePerRequestFilter {

    /** Just before Spring Security's filter chain, which Spring Boot registers at this order. */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger("org.tapercds.hooks.calls");
    private static final String HOOK_INSTANCE = CallLogFilter.class.getName() + ".hookInstance";

    static void recordHookInstance(HttpServletRequest request, String hookInstance) {
        request.setAttribute(HOOK_INSTANCE, hookInstance);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/cds-services");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long tenths = Math.round((System.nanoTime() - start) / 100_000.0); // 0.1 ms
            log.info(
                    "cds-hooks {} {} hookInstance={} status={} durationMs={}",
                    request.getMethod(),
                    LogSafe.text(request.getRequestURI()),
                    LogSafe.text((String) request.getAttribute(HOOK_INSTANCE)),
                    response.getStatus(),
                    (tenths / 10) + "." + (tenths % 10));
        }
    }
}
