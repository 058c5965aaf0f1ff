package io.porter.sync;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sync's shared pieces: the clock retries are scheduled by (tests replace it), the SSRF guard and the HTTP client. */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TargetGuard targetGuard(SyncProperties props) {
        return new TargetGuard(props.allowPrivateTargets());
    }

    /** The JDK's client: HTTP/1.1 and 2, async, timeouts; no redirects (a redirect could lead past the SSRF guard). */
    @Bean(destroyMethod = "")
    HttpClient syncHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }
}
