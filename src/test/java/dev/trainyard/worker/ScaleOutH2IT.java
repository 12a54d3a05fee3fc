package dev.trainyard.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;

import org.h2.tools.Server;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.trainyard.support.H2Stack;

/** H2 served over TCP from this JVM, so a child JVM can share the database (an embedded H2 file has one owner). */
@H2Stack
class ScaleOutH2IT extends ScaleOutScenarios {

    private static final Server TCP = start();

    private static Server start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start an H2 TCP server", e);
        }
    }

    @DynamicPropertySource
    static void overTcp(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://localhost:" + TCP.getPort()
                + "/mem:scale-out;DB_CLOSE_DELAY=-1");
    }
}
