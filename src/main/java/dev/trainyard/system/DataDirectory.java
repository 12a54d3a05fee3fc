package dev.trainyard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code trainyard.node.data-dir} (the embedded database, the admin key file) readable by this user only: the
 * folder is made 0700 before any bean opens the database, and every file in it 0600 once the database has created its
 * files (H2 creates them with the process umask, usually world-readable). Skipped where the file system has no POSIX
 * permissions.
 */
@Component
class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, SmartInitializingSingleton {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Path folder;

    @Override
    public void setEnvironment(Environment environment) {
        folder = Path.of(environment.getProperty("trainyard.node.data-dir", "./data")).toAbsolutePath().normalize();
    }

    /** Before the database opens: the folder exists and is this user's alone. */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        try {
            Files.createDirectories(folder);
            if (posix()) {
                Files.setPosixFilePermissions(folder, FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare trainyard.node.data-dir " + folder, e);
        }
    }

    /** After every bean started, the database included: its files are this user's alone. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!posix()) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the files in " + folder, e);
        }
    }

    private boolean posix() {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
