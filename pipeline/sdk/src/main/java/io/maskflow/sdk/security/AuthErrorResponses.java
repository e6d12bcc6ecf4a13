package io.maskflow.sdk.security;

import io.maskflow.sdk.quarkus.ErrorResponses;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** 401 and 403 answers with a JSON body that says what is missing, like every other error of the services. */
public class AuthErrorResponses {

    private static final String CHALLENGE = "Bearer realm=\"maskflow\"";

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("this endpoint needs a bearer token (Authorization: Bearer <token>); see docs/security.md");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge("the bearer token is not valid" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, SimpleResourceInfo resource) {
        String needed = neededRoles(resource);
        String held = identity.isAnonymous() ? "none" : String.join(", ", new TreeSet<>(identity.getRoles()));
        return ErrorResponses.json(Response.Status.FORBIDDEN, "'" + identity.getPrincipal().getName()
                + "' (roles: " + held + ") may not do this" + (needed.isEmpty() ? "" : "; it needs " + needed));
    }

    private static Response challenge(String message) {
        return Response.fromResponse(ErrorResponses.json(Response.Status.UNAUTHORIZED, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    /** The roles the called method (or its class) names, found by the method's name. */
    private static String neededRoles(SimpleResourceInfo resource) {
        RolesAllowed allowed = Arrays.stream(resource.getResourceClass().getMethods())
                .filter(m -> m.getName().equals(resource.getMethodName()))
                .map(m -> m.getAnnotation(RolesAllowed.class)).filter(a -> a != null).findFirst()
                .orElse(resource.getResourceClass().getAnnotation(RolesAllowed.class));
        return allowed == null ? "" : "the role " + String.join(" or ", allowed.value());
    }
}
