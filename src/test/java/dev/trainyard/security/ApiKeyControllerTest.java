package dev.trainyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.trainyard.system.ProblemWriter;

/**
 * The key controller on MockMvc with the service's problem handling and nothing else: a request that fails its
 * validation is a 400 RFC 9457 problem naming every bad field, and never reaches the service. Who may call it is
 * the security chain's business, tested over HTTP in {@link ApiKeyScenarios}; here the service's filters, web
 * configuration and the security chain are left out: the slice holds the controller and the problem handler.
 */
@WebMvcTest(controllers = ApiKeyController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "dev\\.trainyard\\.(?!system\\.ProblemHandler$|security\\.ApiKeyController$).*"))
@AutoConfigureMockMvc(addFilters = false)
@Import(ProblemWriter.class)
class ApiKeyControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ApiKeyService keys;

    @Test
    void aKeyWithABadOwnerAndAnOverlongNameIsAValidationProblemListingBoth() throws Exception {
        mvc.perform(post("/api/v1/keys").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"owner\": \"Not Valid!\", \"name\": \"" + "n".repeat(101) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://trainyard.dev/problems/validation-failed"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("owner", "name")));
        verify(keys, never()).create(any(), any(), any());
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblemWithoutInternals() throws Exception {
        String body = mvc.perform(post("/api/v1/keys").contentType(MediaType.APPLICATION_JSON).content("{\"owner\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://trainyard.dev/problems/malformed-body"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("Exception", "\tat ", "java.", "org.springframework");
        verify(keys, never()).create(any(), any(), any());
    }
}
