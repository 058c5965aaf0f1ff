package io.porter;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;

@PorterTest
class AuthenticationTest extends TestWorkspaces {

    @Test
    void noTokenIs401ProblemJson() {
        Api.Response r = new Api(port, null).get("/api/v1/contacts");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).contains("Authorization: Bearer");
    }

    @Test
    void aWrongOrForgedTokenIs401() {
        Ws ws = newWorkspace();
        String real = ws.api().token();
        String tampered = real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
        assertThat(ws.api().withToken(tampered).get("/api/v1/contacts").status()).isEqualTo(401);
        assertThat(ws.api().withToken("not-a-token").get("/api/v1/contacts").status()).isEqualTo(401);
        // the secret of one workspace's token presented under another workspace's id
        Ws other = newWorkspace();
        String moved = real.replaceFirst("porter_\\d+_", "porter_" + other.id() + "_");
        assertThat(ws.api().withToken(moved).get("/api/v1/contacts").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAToken() {
        Api.Response r = new Api(port, null).get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("openapi").asText()).startsWith("3.");
    }
}
