package org.tapercds.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Login and roles of the review console (SPEC §4, docs/console.md): its pages ({@code /review},
 * form login or OIDC, CSRF on every form) and its JSON APIs ({@code /api}, and {@code /admin} for the
 * rule base: the same users by HTTP Basic or the page session; refusals as problem details). The
 * CDS Hooks chain is not touched; everything else (rule pages, OpenAPI, static files) stays open in
 * {@link SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String PHARMACIST = ConsoleRole.PHARMACIST.name();
    static final String INFORMATICIST = ConsoleRole.INFORMATICIST.name();
    static final String ADMIN = ConsoleRole.ADMIN.name();

    /**
     * Scripts only from this origin (the pages' JavaScript lives in static files); inline styles are
     * allowed because ECharts styles its tooltips with style attributes.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager consoleUsers(
            ConsoleLoginProperties properties,
            PasswordEncoder encoder,
            Environment environment,
            @Value("${taper.public-base-url}") String publicBaseUrl) {
        return ConsoleUsers.of(properties, encoder, isProd(environment), publicBaseUrl + "/review");
    }

    @Bean
    ConsoleLoginOptions consoleLoginOptions(ConsoleLoginProperties properties, InMemoryUserDetailsManager users) {
        boolean anyUser = !properties.users().isEmpty() || users.userExists(ConsoleUsers.GENERATED_ADMIN);
        return new ConsoleLoginOptions(anyUser, properties.oidc().configured());
    }

    @Bean
    @Conditional(OidcConfigured.class)
    ClientRegistrationRepository consoleClientRegistrations(ConsoleLoginProperties properties) {
        return ConsoleOidc.registrations(properties.oidc());
    }

    /**
     * The JSON APIs: HTTP Basic for scripts, or the page session (then with CSRF on changes). {@code
     * /admin} (the rule base: what is loaded, reload, preview) is the informaticists' (SPEC §4: an
     * informaticist can reload rules, a pharmacist cannot).
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleApiFilterChain(HttpSecurity http) throws Exception {
        ConsoleApiRefusals refusals = new ConsoleApiRefusals();
        return http.securityMatcher("/api/**", "/admin/**")
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasAnyRole(INFORMATICIST, ADMIN)
                        .requestMatchers("/api/analytics/**")
                        .hasAnyRole(INFORMATICIST, ADMIN)
                        .requestMatchers("/api/audit/**", "/api/audit")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/alerts/**", "/api/alerts")
                        .hasAnyRole(PHARMACIST, ADMIN)
                        .anyRequest()
                        .authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(refusals))
                // A Basic-authenticated call carries its credentials in every request, which a
                // forged cross-site request cannot add: only session-authenticated changes need
                // the token.
                .csrf(c -> c.ignoringRequestMatchers(ConsoleSecurityConfiguration::basicAuthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .requestCache(r -> r.disable())
                .headers(h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consolePagesFilterChain(
            HttpSecurity http,
            ConsoleLoginProperties properties,
            ConsoleLoginOptions options,
            ObjectProvider<ClientRegistrationRepository> registrations)
            throws Exception {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage("/review/forbidden");
        http.securityMatcher("/", "/review", "/review/**", "/login", "/logout", "/oauth2/**", "/login/oauth2/**")
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/login")
                        .permitAll()
                        .requestMatchers("/", "/review/start", "/review/forbidden")
                        .authenticated()
                        .requestMatchers("/review/dashboard", "/review/dashboard/**")
                        .hasAnyRole(INFORMATICIST, ADMIN)
                        .requestMatchers("/review/audit", "/review/audit/**")
                        .hasRole(ADMIN)
                        .anyRequest()
                        .hasAnyRole(PHARMACIST, ADMIN))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler(forbidden))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (options.form()) {
            http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/review/start"));
        }
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .clientRegistrationRepository(repository)
                    .userInfoEndpoint(u -> u.oidcUserService(ConsoleOidc.userService(properties.oidc())))
                    .defaultSuccessUrl("/review/start"));
        }
        return http.build();
    }

    static boolean basicAuthenticated(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    static boolean isProd(Environment environment) {
        return environment.matchesProfiles("prod");
    }

    /** OIDC login is on when {@code taper.console.oidc.issuer-uri} has a value. */
    static final class OidcConfigured implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String issuer = context.getEnvironment().getProperty("taper.console.oidc.issuer-uri");
            return issuer != null && !issuer.isBlank();
        }
    }
}
