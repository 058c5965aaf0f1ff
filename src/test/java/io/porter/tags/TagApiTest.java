package io.porter.tags;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import org.junit.jupiter.api.Test;

@PorterTest
class TagApiTest extends TestWorkspaces {

    private static String contact(Api api, String name) {
        return api.post("/api/v1/contacts", map("name", name)).json().path("id").asText();
    }

    @Test
    void taggingIsIdempotentAndShowsOnTheContact() {
        Api api = newWorkspace().api();
        String id = contact(api, "Ana");
        Api.Response first = api.post("/api/v1/contacts/" + id + "/tags", map("name", "  VIP "));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("tags").toString()).isEqualTo("[\"VIP\"]");
        api.post("/api/v1/contacts/" + id + "/tags", map("name", "VIP"));
        api.post("/api/v1/contacts/" + id + "/tags", map("name", "beta"));
        assertThat(api.get("/api/v1/contacts/" + id).json().path("tags").toString()).isEqualTo("[\"VIP\",\"beta\"]");
    }

    @Test
    void tagsListCountsContacts() {
        Api api = newWorkspace().api();
        String a = contact(api, "A");
        String b = contact(api, "B");
        api.post("/api/v1/contacts/" + a + "/tags", map("name", "VIP"));
        api.post("/api/v1/contacts/" + b + "/tags", map("name", "VIP"));
        api.post("/api/v1/contacts/" + b + "/tags", map("name", "beta"));
        api.delete("/api/v1/contacts/" + b + "/tags/beta");
        JsonNode tags = api.get("/api/v1/tags").json().path("data");
        assertThat(tags.toString()).isEqualTo("[{\"name\":\"VIP\",\"contact_count\":2},{\"name\":\"beta\",\"contact_count\":0}]");
    }

    @Test
    void untaggingRemovesTheTagFromTheContact() {
        Api api = newWorkspace().api();
        String id = contact(api, "Ana");
        api.post("/api/v1/contacts/" + id + "/tags", map("name", "Early adopter"));
        assertThat(api.delete("/api/v1/contacts/" + id + "/tags/Early%20adopter").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts/" + id).json().path("tags")).isEmpty();
        assertThat(api.delete("/api/v1/contacts/" + id + "/tags/Early%20adopter").status()).isEqualTo(204);
    }

    @Test
    void tagNamesAreOneToAHundredCharacters() {
        Api api = newWorkspace().api();
        String id = contact(api, "Ana");
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", map("name", "   ")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", map()).status()).isEqualTo(400);
        Api.Response tooLong = api.post("/api/v1/contacts/" + id + "/tags", map("name", "x".repeat(101)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("field").asText()).isEqualTo("name");
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", map("name", "é".repeat(100))).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", map("name", "x", "colour", "red")).status()).isEqualTo(400);
    }

    @Test
    void taggingAMissingContactIs404() {
        Api api = newWorkspace().api();
        String id = contact(api, "Ana");
        api.delete("/api/v1/contacts/" + id);
        assertThat(api.post("/api/v1/contacts/" + id + "/tags", map("name", "VIP")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tags").json().path("data")).isEmpty();
    }
}
