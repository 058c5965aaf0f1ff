package io.porter.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.web.context.WebServerApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the web interface and the REST API.")
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: $PORTER_PORT, else 8080)")
    Integer port;

    @Override
    public Integer call() {
        Map<String, Object> props = new HashMap<>();
        if (port != null) {
            props.put("server.port", port);
        }
        PorterContext.Started s = PorterContext.start(true, props);
        int actual = ((WebServerApplicationContext) s.context()).getWebServer().getPort();
        PorterCommand.markServing();
        System.out.println();
        System.out.println("Porter is running at http://localhost:" + actual + "/");
        System.out.println("API documentation:   http://localhost:" + actual + "/api/docs");
        s.firstToken().ifPresentOrElse(
                t -> System.out.println("API token for workspace 'default' (shown once, keep it): " + t),
                () -> System.out.println("API token: the first one was shown on first start; make another with "
                        + "'java -jar target/porter.jar token create --workspace default'"));
        s.firstOwner().ifPresent(o -> System.out.println("Sign in to the web pages as " + o.email() + " with password "
                + (o.passwordGiven() ? "from PORTER_ADMIN_PASSWORD" : o.password() + " (shown once; keep it)")));
        System.out.flush();
        return 0;
    }
}
