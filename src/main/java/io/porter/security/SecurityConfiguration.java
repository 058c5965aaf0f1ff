package io.porter.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.ApiErrors;
import io.porter.workspaces.ApiTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** Only where there is a web server: task commands (workspace, token) start Porter without one and have no HttpSecurity. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    /** The API: stateless, bearer tokens only, so no sessions and no CSRF tokens. */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // a streamed download's second dispatch: the request itself was authorised already
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/openapi.json", "/api/openapi.json/**", "/api/docs", "/api/docs/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "Send a valid workspace API token as 'Authorization: Bearer <token>'; "
                                        + "create one with 'porter token create --workspace NAME'"))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN,
                                "Forbidden", "This token may not do that")))
                .build();
    }

    private static void write(HttpServletResponse res, ObjectMapper json, HttpStatus status, String title, String detail)
            throws java.io.IOException {
        ProblemDetail p = ApiErrors.problem(status, title, detail);
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(res.getOutputStream(), p);
    }
}
