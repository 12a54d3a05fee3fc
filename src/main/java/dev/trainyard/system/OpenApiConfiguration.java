package dev.trainyard.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document behind Swagger UI; its Authorize button takes an API key either way. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String HEADER = "apiKey";

    @Bean
    OpenAPI trainyardOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Trainyard API")
                        .version(version)
                        .description("""
                                Train neural networks over HTTP: submit a job spec as JSON, watch its metrics, \
                                compare runs, sweep hyperparameters and use the trained model.

                                Every /api endpoint needs an API key: click **Authorize** and paste it (the admin key \
                                of a new installation is in `./data/admin-api-key`). Every error is an RFC 9457 \
                                problem (`application/problem+json`) whose `type` names the kind of problem."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Authorization: Bearer <api key>"))
                        .addSecuritySchemes(HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("X-API-Key: <api key>")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(HEADER));
    }
}
