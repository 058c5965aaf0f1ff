package io.porter.web;

import io.porter.users.Users;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The web pages: everything outside /api/**. Form sign-in, a session, CSRF tokens on every form; the workspace and
 * the role are checked on every request ({@link WorkspaceSelectionFilter}). Importing, migrations and integrations are for owners and admins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

    @Bean
    UserDetailsService webUsers(Users users) {
        return WebUser.service(users);
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, Users users) throws Exception {
        return http
                .addFilterAfter(new WorkspaceSelectionFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.svg", "/error").permitAll()
                        .requestMatchers("/imports/**", "/settings/imports/**").hasAuthority(WebAuthentication.IMPORT)
                        .requestMatchers("/migrations/**", "/settings/migrations", "/settings/migrations/**").hasAuthority(WebAuthentication.IMPORT)
                        .requestMatchers("/settings/integrations", "/settings/integrations/**").hasAuthority(WebAuthentication.INTEGRATIONS)
                        .anyRequest().hasAuthority(WebAuthentication.MEMBER))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/contacts", false).failureUrl("/login?error"))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")))
                .build();
    }
}
