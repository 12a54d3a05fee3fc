package dev.trainyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CredentialHeaderTest {

    @Test
    void readsBearerInAnyCaseAndXApiKey() {
        assertThat(ApiKeyAuthenticationFilter.credential(request("Authorization", "Bearer ty_a"))).contains("ty_a");
        assertThat(ApiKeyAuthenticationFilter.credential(request("Authorization", "BEARER  ty_b "))).contains("ty_b");
        assertThat(ApiKeyAuthenticationFilter.credential(request("X-API-Key", "ty_c"))).contains("ty_c");
    }

    @Test
    void otherSchemesAreNoCredential() {
        assertThat(ApiKeyAuthenticationFilter.credential(request("Authorization", "Basic dXNlcjpwYXNz"))).isEmpty();
        assertThat(ApiKeyAuthenticationFilter.credential(new MockHttpServletRequest())).isEmpty();
    }

    @Test
    void xApiKeyWinsOverAuthorization() {
        MockHttpServletRequest request = request("X-API-Key", "ty_header");
        request.addHeader("Authorization", "Bearer ty_bearer");
        assertThat(ApiKeyAuthenticationFilter.credential(request)).contains("ty_header");
    }

    private static MockHttpServletRequest request(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.addHeader(header, value);
        return request;
    }
}
