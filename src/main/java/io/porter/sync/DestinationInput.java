package io.porter.sync;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A destination to create, or the fields to change (absent ones stay as they are). */
public record DestinationInput(
        @Schema(description = "webhook or klaviyo (only when creating)", example = "webhook") String kind,
        @Schema(description = "A name people recognise", example = "CRM hook") String name,
        @Schema(description = "Webhook: the endpoint (https). Use base_url for Klaviyo", example = "https://example.com/hooks/porter") String url,
        @Schema(description = "Klaviyo: the API's base URL, default https://a.klaviyo.com") String baseUrl,
        @Schema(description = "Klaviyo: the private API key (pk_...); stored encrypted, never shown again") String apiKey,
        @Schema(description = "Event types (contact.created) or families (contact.*); default: every type the kind receives")
        List<String> events) {
}
