package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.Texts;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query parameter the matched endpoint does not read, in every service: {@code GET /runs?stauts=failed}
 * listed every run as if nothing had been asked, and {@code POST /predict?model=other} answered with the served model
 * without a word. A 400 names the parameter and the ones the endpoint takes, before the body is read; so does one
 * given twice where the endpoint takes one value.
 */
public class QueryParameters {

    /** Each endpoint's query parameter names; empty for one that reads the query another way (not checked). */
    private static final Map<Method, Optional<Set<String>>> TAKEN = new ConcurrentHashMap<>();
    private static final Map<Method, Set<String>> REPEATABLE = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Optional<Response> refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        jakarta.ws.rs.core.MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        Set<String> given = query.keySet();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Optional<Set<String>> taken = TAKEN.computeIfAbsent(method, QueryParameters::taken);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String endpoint = request.getMethod() + " " + Texts.cut(path.startsWith("/") ? path : "/" + path, 200);
        return unknown(given, taken.get(), endpoint)
                .or(() -> repeated(query, REPEATABLE.computeIfAbsent(method, QueryParameters::repeatable), endpoint))
                .map(message -> ErrorResponses.json(Response.Status.BAD_REQUEST, message));
    }

    /** The names of an endpoint's query parameters that take several values (a list, a set or an array). */
    static Set<String> repeatable(Method method) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            Class<?> type = method.getParameterTypes()[i];
            if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
                for (Annotation annotation : method.getParameterAnnotations()[i]) {
                    queryName(method, i, annotation).ifPresent(names::add);
                }
            }
        }
        return names;
    }

    /**
     * A parameter of one value given more than once ({@code ?status=failed&status=running}): the framework took the
     * first (or, for some, the last) without a word.
     */
    static Optional<String> repeated(Map<String, List<String>> query, Set<String> repeatable, String endpoint) {
        return query.entrySet().stream().filter(e -> e.getValue().size() > 1 && !repeatable.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().findFirst().map(name -> "query parameter '" + Texts.cut(name, 60)
                        + "' is given " + query.get(name).size() + " times on " + endpoint + ": give it once");
    }

    /**
     * The names an endpoint reads from the query, from its parameters' {@code @QueryParam} or {@code @RestQuery};
     * empty when it may read the query another way (a {@code @BeanParam}, the {@code UriInfo}), which is not checked.
     */
    static Optional<Set<String>> taken(Method method) {
        Set<String> names = new TreeSet<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (UriInfo.class.isAssignableFrom(method.getParameterTypes()[i])) {
                return Optional.empty();
            }
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof BeanParam) {
                    return Optional.empty();
                }
                queryName(method, i, annotation).ifPresent(names::add);
            }
        }
        return Optional.of(java.util.Collections.unmodifiableSet(names));
    }

    /** The query parameter name an annotation of the method's i-th parameter gives, if it is a query's. */
    private static Optional<String> queryName(Method method, int i, Annotation annotation) {
        if (annotation instanceof QueryParam query) {
            return Optional.of(query.value());
        }
        if (annotation instanceof RestQuery query) {
            return Optional.of(query.value().isEmpty() ? method.getParameters()[i].getName() : query.value());
        }
        return Optional.empty();
    }

    /** Why the given names are refused, or empty when the endpoint reads them all. */
    static Optional<String> unknown(Collection<String> given, Set<String> taken, String endpoint) {
        List<String> unknown = given.stream().filter(name -> !taken.contains(name)).sorted().toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join("', '", unknown.stream().map(name -> Texts.cut(name, 60)).limit(5).toList())
                + (unknown.size() > 5 ? "' and " + (unknown.size() - 5) + " more" : "'");
        String takes = taken.isEmpty() ? "it takes none" : "it takes " + String.join(", ", new TreeSet<>(taken));
        return Optional.of("unknown query parameter" + (unknown.size() > 1 ? "s '" : " '") + names + " on "
                + endpoint + "; " + takes);
    }
}
