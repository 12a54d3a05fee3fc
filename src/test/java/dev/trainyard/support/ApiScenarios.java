package dev.trainyard.support;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.trainyard.security.TestKeys;

/** Scenarios that talk to a whole running service over HTTP, each test as a new user of its own. */
public abstract class ApiScenarios {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api;
    protected String owner;
    protected String key;

    /** Connects as a new user whose name starts with {@code prefix}. */
    protected void connectAs(String prefix) {
        api = new ApiClient(port);
        owner = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        key = TestKeys.user(context, owner);
    }
}
