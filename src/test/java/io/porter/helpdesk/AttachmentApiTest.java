package io.porter.helpdesk;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PorterTest
class AttachmentApiTest extends HelpdeskTest {

    private record Target(Api api, long ws, long conversation, long part) {
        String path() {
            return "/api/v1/conversations/" + conversation + "/parts/" + part + "/attachments";
        }
    }

    private Target conversationWithAPart() {
        Ws ws = newWorkspace();
        long ana = teammate(ws.api(), "Ana", "ana@support.example");
        long id = created(ws.api().post("/api/v1/conversations", map("title", "files"))).path("id").asLong();
        long part = created(ws.api().post("/api/v1/conversations/" + id + "/reply", map("teammate_id", ana, "body", "see attached"))).path("id").asLong();
        return new Target(ws.api(), ws.id(), id, part);
    }

    @Test
    void anAttachmentIsKeptAndDownloadedUnderItsNameAndListedOnItsPart() throws Exception {
        Target t = conversationWithAPart();
        byte[] pdf = "%PDF-1.4 hello".getBytes(StandardCharsets.UTF_8);
        JsonNode a = created(t.api().upload(t.path(), "../../informe \"año\".pdf", pdf, Map.of()));
        assertThat(a.path("file_name").asText()).isEqualTo("informe \"año\".pdf");
        assertThat(a.path("size_bytes").asLong()).isEqualTo(pdf.length);
        assertThat(a.path("sha256").asText()).hasSize(64);

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + a.path("url").asText()))
                .header("Authorization", "Bearer " + t.api().token()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''informe%20%22a%C3%B1o%22.pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        JsonNode parts = ok(t.api().get("/api/v1/conversations/" + t.conversation() + "/parts")).path("data");
        assertThat(parts.get(0).path("attachments").get(0).path("id").asLong()).isEqualTo(a.path("id").asLong());
        assertThat(last(t.ws(), "conversation.attachment_added").payload().path("file_name").asText()).isEqualTo("informe \"año\".pdf");
    }

    @Test
    void programsAreRefusedUnlessTheWorkspaceAcknowledgedTheRisk() {
        Target t = conversationWithAPart();
        byte[] bytes = "MZ\u0090\u0000 fake program".getBytes(StandardCharsets.ISO_8859_1);
        for (String name : new String[] {"setup.exe", "run.JS", "tool.ps1", "x.bat. ", "invoice.pdf"}) {
            Api.Response r = t.api().upload(t.path(), name, bytes, Map.of());
            assertThat(r.status()).as(name + " " + r).isEqualTo(415);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(t.api().put("/api/v1/settings/attachments", map("allow_blocked_types", true)).status()).isEqualTo(400);
        assertThat(ok(t.api().get("/api/v1/settings/attachments")).path("allow_blocked_types").asBoolean()).isFalse();
        JsonNode policy = ok(t.api().put("/api/v1/settings/attachments", map("allow_blocked_types", true, "acknowledge_risk", true)));
        assertThat(policy.path("risk_acknowledged_at").isNull()).isFalse();
        assertThat(t.api().upload(t.path(), "setup.exe", bytes, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void filesOverTheLimitAreRefusedAndPartsOfOtherConversationsAreNotFound() {
        Target t = conversationWithAPart();
        Api.Response big = t.api().upload(t.path(), "big.bin", new byte[1024 * 1024 + 1], Map.of());
        assertThat(big.status()).as(big.toString()).isEqualTo(413);
        assertThat(t.api().upload(t.path(), "ok.bin", new byte[1024 * 1024], Map.of()).status()).isEqualTo(201);
        long other = created(t.api().post("/api/v1/conversations", map("title", "other"))).path("id").asLong();
        assertThat(t.api().upload("/api/v1/conversations/" + other + "/parts/" + t.part() + "/attachments", "a.txt",
                new byte[] {1}, Map.of()).status()).isEqualTo(404);
    }
}
