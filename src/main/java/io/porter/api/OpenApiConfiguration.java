package io.porter.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, and the bearer token that every operation of the API needs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI porterOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Porter API").version("v1")
                        .description("Contacts of a customer-messaging workspace (contacts, tags, custom fields, events) and its help desk "
                                + "(teammates, teams, companies, conversations, tickets, attachments, knowledge base). "
                                + "JSON is snake_case; times are ISO-8601 UTC; errors are application/problem+json."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A workspace API token: 'porter token create --workspace NAME'")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
