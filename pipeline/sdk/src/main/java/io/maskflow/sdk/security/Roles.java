package io.maskflow.sdk.security;

import java.util.List;
import java.util.Set;

/**
 * The three roles of Maskflow's HTTP APIs. Each includes the ones below it: an {@code admin} may do all an
 * {@code operator} may, an operator all a {@code viewer} may.
 */
public final class Roles {

    /** Reads runs, reports, models and artifacts. */
    public static final String VIEWER = "viewer";
    /** Starts and cancels runs and jobs, uploads data, asks for predictions. */
    public static final String OPERATOR = "operator";
    /** Everything, including changing which model is served by hand. */
    public static final String ADMIN = "admin";

    /** Highest first. */
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, VIEWER);

    private Roles() {
    }

    /** The role itself and every role it includes; an unknown role implies nothing but itself. */
    public static Set<String> implied(String role) {
        return switch (role) {
            case ADMIN -> Set.of(ADMIN, OPERATOR, VIEWER);
            case OPERATOR -> Set.of(OPERATOR, VIEWER);
            default -> Set.of(role);
        };
    }
}
