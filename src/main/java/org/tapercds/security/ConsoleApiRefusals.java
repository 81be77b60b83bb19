package org.tapercds.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The console API's refusals as RFC 9457 problem details with stable codes: 401 {@code
 * login-required} (with a Basic challenge, for scripts) and 403 {@code forbidden}. Written here
 * rather than through the MVC error handling because Spring Security refuses before MVC runs. A
 * change (POST) without credentials is refused by the CSRF check before anyone is authenticated: it
 * gets the 401 too, since logging in is what it lacks; a logged-in session without the token gets 403.
 */
final class ConsoleApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    static final String LOGIN_REQUIRED = "login-required";
    static final String FORBIDDEN = "forbidden";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"taper-cds console\"");
        write(response, request, 401, "Unauthorized", LOGIN_REQUIRED, "Log in (HTTP Basic) with a console user");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (!TRUST.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
            commence(request, response, new InsufficientAuthenticationException("not logged in", e));
            return;
        }
        write(response, request, 403, "Forbidden", FORBIDDEN, "Your console roles do not allow this");
    }

    private static void write(
            HttpServletResponse response,
            HttpServletRequest request,
            int status,
            String title,
            String code,
            String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The path is the request's own URI, JSON-escaped by hand: quotes and backslashes only reach
        // it percent-encoded, and control characters are dropped.
        String instance = request.getRequestURI().replaceAll("[\"\\\\\\p{Cntrl}]", "");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\",\"instance\":\"" + instance + "\",\"code\":\"" + code + "\"}");
    }
}
