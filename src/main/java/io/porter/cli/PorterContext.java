package io.porter.cli;

import io.porter.PorterApplication;
import io.porter.workspaces.FirstStart;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Porter's Spring context for one command: with the web server for {@code serve}, without it for tasks. */
final class PorterContext {

    private PorterContext() {
    }

    record Started(ConfigurableApplicationContext context, Optional<String> firstToken, Optional<FirstStart.Owner> firstOwner) {
        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }
    }

    static Started start(boolean web, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        if (!web) {
            // task commands print their own output; Spring's start-up lines would bury it
            props.putIfAbsent("logging.level.root", "WARN");
            // a task does its own job; interrupted imports are resumed by the server, or by 'import --resume'
            props.putIfAbsent("porter.imports.resume-on-start", "false");
            // housekeeping, retention and table upkeep are the server's
            props.putIfAbsent("porter.scheduling.enabled", "false");
        }
        // given as arguments, so they win over application.properties and the environment
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PorterApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .logStartupInfo(web)
                .run(args);
        FirstStart first = ctx.getBean(FirstStart.class);
        Optional<String> token = first.ensureDefaultWorkspace();
        return new Started(ctx, token, first.ensureOwner());
    }

    /** For task commands: the default workspace's first token must not be lost when a task is the first start. */
    static Started startTask(PrintWriter err) {
        Started s = start(false, Map.of());
        s.firstToken().ifPresent(t -> err.println("First start: created workspace 'default'; its API token: " + t));
        s.firstOwner().ifPresent(o -> err.println("First start: web sign-in " + o.email() + " / "
                + (o.passwordGiven() ? "the password in PORTER_ADMIN_PASSWORD" : o.password())));
        err.flush();
        return s;
    }
}
