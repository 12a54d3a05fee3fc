package dev.trainyard.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Lets any key holder check their key: a first call that proves the setup works. */
@RestController
@Tag(name = "API keys")
class WhoAmIController {

    @GetMapping("/api/v1/me")
    @Operation(summary = "Who am I", description = "The owner and role of the API key you sent.")
    ApiPrincipal me(@AuthenticationPrincipal ApiPrincipal principal) {
        return principal;
    }
}
