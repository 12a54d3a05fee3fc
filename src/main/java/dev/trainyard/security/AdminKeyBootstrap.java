package dev.trainyard.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import dev.trainyard.system.Databases;
import dev.trainyard.system.NodeProperties;

/**
 * Secure by default: the first start on an empty database creates an admin key. The operator's
 * own key (TRAINYARD_BOOTSTRAP_KEY) is used when given; otherwise a random key is written to a
 * file only this user can read, and the log says where it is, never what it is.
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final String OWNER = "admin";

    private final ApiKeyService keys;
    private final SecurityProperties settings;
    private final NodeProperties node;

    AdminKeyBootstrap(ApiKeyService keys, SecurityProperties settings, NodeProperties node) {
        this.keys = keys;
        this.settings = settings;
        this.node = node;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!node.role().servesApi() || !keys.isEmpty()) {
            return;
        }
        if (settings.hasBootstrapKey()) {
            createFromEnvironment();
        } else {
            createIntoFile();
        }
    }

    private void createFromEnvironment() {
        KeySecret secret = new KeySecret(settings.bootstrapKey().strip());
        try {
            keys.create("bootstrap admin key", OWNER, Role.ADMIN, secret);
            log.info("Created the first admin API key from TRAINYARD_BOOTSTRAP_KEY (shown in key lists as '{}').",
                    secret.prefix());
        } catch (DataIntegrityViolationException violation) {
            if (!Databases.uniqueViolation(violation, "uk_api_key_secret_hash")) {
                throw violation;
            }
            log.info("Another node created the bootstrap admin key first.");
        }
    }

    private void createIntoFile() throws IOException {
        Path file = node.dataDir().resolve(settings.bootstrapKeyFile()).toAbsolutePath().normalize();
        Files.createDirectories(file.getParent());
        KeySecret secret = KeySecret.generate();
        writeOwnerOnly(file, secret.value() + System.lineSeparator());
        keys.create("bootstrap admin key", OWNER, Role.ADMIN, secret);
        log.info("Created the first admin API key. It is in {} (readable only by this user): send it as "
                + "'Authorization: Bearer <key>' or use it in Swagger UI's Authorize button.", file);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
