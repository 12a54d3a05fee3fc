package dev.trainyard.security;

import org.springframework.context.ApplicationContext;

/** Creates API keys straight through the service, for tests in any package. */
public final class TestKeys {

    private TestKeys() {
    }

    public static String admin(ApplicationContext context) {
        return create(context, "admin", Role.ADMIN);
    }

    public static String user(ApplicationContext context, String owner) {
        return create(context, owner, Role.USER);
    }

    private static String create(ApplicationContext context, String owner, Role role) {
        return context.getBean(ApiKeyService.class).create("test key", owner, role).secret().value();
    }
}
