package io.maskflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.RecordComponentInfo;

/**
 * Every JAX-RS endpoint of every Maskflow service, read from the services' compiled classes (their annotations,
 * without loading them) and the role rule each carries: the list the security tests check against.
 */
final class Endpoints {

    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName QUERY_PARAM = DotName.createSimple("jakarta.ws.rs.QueryParam");
    private static final DotName CONSUMES = DotName.createSimple("jakarta.ws.rs.Consumes");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName DENY_ALL = DotName.createSimple("jakarta.annotation.security.DenyAll");

    /**
     * One endpoint.
     *
     * @param service the service it belongs to (orchestrator, datagen, ...)
     * @param verb the HTTP method
     * @param path the path template, e.g. {@code /runs/{runId}}
     * @param consumes the first media type it reads, or null
     * @param rule {@code role:<name>}, {@code permit-all}, {@code deny-all}, or empty when it has none
     * @param where the Java method, for messages
     * @param queryParams the names of its query parameters
     * @param bodyFields the fields of its body when the body is a record, else empty
     */
    record Endpoint(String service, String verb, String path, String consumes, Optional<String> rule, String where,
            List<String> queryParams, List<String> bodyFields) {

        /** The path with every parameter replaced by {@code x}. */
        String samplePath() {
            return path.replaceAll("\\{[^}]+}", "x");
        }

        /** The single role it needs, or null for a public or closed endpoint. */
        String role() {
            return rule.filter(r -> r.startsWith("role:")).map(r -> r.substring(5)).orElse(null);
        }
    }

    private Endpoints() {
    }

    /** The endpoints of every service module on the test class path, sorted by service, path and verb. */
    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String service = serviceOf(path);
            if (service != null) {
                endpoints.addAll(endpoints(service, index(path)));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::service).thenComparing(Endpoint::path)
                .thenComparing(Endpoint::verb));
        return endpoints;
    }

    /** {@code .../maskflow-serving-0.1.0-SNAPSHOT.jar} or {@code services/serving/target/classes}: "serving". */
    private static String serviceOf(Path entry) {
        for (String service : SystemServices.NAMES) {
            String text = entry.toString();
            if (text.contains("/maskflow-" + service + "-") || text.endsWith("/" + service + "/target/classes")) {
                return service;
            }
        }
        return null;
    }

    private static Index index(Path entry) {
        Indexer indexer = new Indexer();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            indexer.index(in);
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                indexer.index(in);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
        return indexer.complete();
    }

    private static List<Endpoint> endpoints(String service, Index index) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String verb : VERBS) {
            for (AnnotationInstance annotation : index.getAnnotations(DotName.createSimple("jakarta.ws.rs." + verb))) {
                MethodInfo method = annotation.target().asMethod();
                ClassInfo type = method.declaringClass();
                String path = join(value(type.declaredAnnotation(PATH)), value(method.annotation(PATH)));
                AnnotationInstance consumes = method.annotation(CONSUMES);
                String mediaType = consumes == null ? null : consumes.value().asStringArray()[0];
                endpoints.add(new Endpoint(service, verb, path, mediaType, rule(method, type),
                        type.simpleName() + "." + method.name(), queryParams(method), bodyFields(method, index)));
            }
        }
        return endpoints;
    }

    private static List<String> queryParams(MethodInfo method) {
        return method.annotations(QUERY_PARAM).stream().map(a -> a.value().asString()).distinct().toList();
    }

    /** The components of the record a method takes as its body (its one parameter without an annotation). */
    private static List<String> bodyFields(MethodInfo method, Index index) {
        for (MethodParameterInfo parameter : method.parameters()) {
            if (parameter.annotations().isEmpty()) {
                ClassInfo body = index.getClassByName(parameter.type().name());
                if (body != null && body.isRecord()) {
                    return body.recordComponentsInDeclarationOrder().stream().map(RecordComponentInfo::name).toList();
                }
            }
        }
        return List.of();
    }

    private static Optional<String> rule(MethodInfo method, ClassInfo type) {
        Optional<String> own = rule(method.annotation(ROLES_ALLOWED), method.annotation(PERMIT_ALL),
                method.annotation(DENY_ALL));
        return own.isPresent() ? own : rule(type.declaredAnnotation(ROLES_ALLOWED),
                type.declaredAnnotation(PERMIT_ALL), type.declaredAnnotation(DENY_ALL));
    }

    private static Optional<String> rule(AnnotationInstance roles, AnnotationInstance permit, AnnotationInstance deny) {
        if (roles != null) {
            return Optional.of("role:" + String.join(",", roles.value().asStringArray()));
        }
        if (permit != null) {
            return Optional.of("permit-all");
        }
        return deny != null ? Optional.of("deny-all") : Optional.empty();
    }

    private static String value(AnnotationInstance path) {
        return path == null ? "" : path.value().asString();
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
