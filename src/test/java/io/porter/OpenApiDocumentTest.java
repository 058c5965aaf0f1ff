package io.porter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;

@PorterTest
class OpenApiDocumentTest extends TestWorkspaces {

    @Test
    void theDocumentDescribesEveryEndpointBehindABearerToken() {
        JsonNode doc = new Api(port, null).get("/api/openapi.json").json();
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").get(0).has("bearer")).isTrue();
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/v1/contacts")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{id}")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{id}/tags")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{id}/events")).isTrue();
        assertThat(paths.has("/api/v1/tags")).isTrue();
        assertThat(paths.has("/api/v1/fields/{key}")).isTrue();
        assertThat(paths.has("/api/v1/events/batch")).isTrue();
        assertThat(paths.path("/api/v1/contacts").path("post").path("summary").asText()).isEqualTo("Create a contact");
    }

    @Test
    void theDocsPageIsServed() {
        Api.Response r = new Api(port, null).get("/api/docs");
        // springdoc redirects to its UI page; either way it is not an error
        assertThat(r.status()).isIn(200, 302);
    }
}
