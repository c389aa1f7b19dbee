package dev.accountd.api;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone (health checks) or a caller with valid account credentials. */
public enum Role implements RouteRole {
    PUBLIC, ACCOUNT
}
