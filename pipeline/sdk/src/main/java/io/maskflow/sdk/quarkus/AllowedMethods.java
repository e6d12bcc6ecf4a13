package io.maskflow.sdk.quarkus;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which HTTP methods a path takes, read from the service's resource classes. The framework answers 404 where 405 is
 * right when the path's resource class does not take the method and another class's path begins the same way: for
 * {@code PUT /runs/x/logs} the logs class (GET only) is tried, then the runs class, which has no such path, and
 * the answer was "Unable to find matching target resource method". {@link ErrorResponses} answers 405 with these
 * methods instead.
 */
final class AllowedMethods {

    /** A path parameter in a template: {@code {runId}} or {@code {name: regex}}. */
    private static final Pattern PARAMETER = Pattern.compile(
            "\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");
    private static volatile AllowedMethods service;

    private final List<Template> templates;

    /**
     * A path's pattern, its methods, the media types each method's body may have and those it answers with (absent:
     * any).
     */
    private record Template(Pattern path, Set<String> methods, java.util.Map<String, Set<String>> consumes,
            java.util.Map<String, Set<String>> produces) {
    }

    private AllowedMethods(List<Template> templates) {
        this.templates = templates;
    }

    /** Read from the given resource classes (those with a class-level {@code @Path}; others are left out). */
    static AllowedMethods of(Collection<Class<?>> resources) {
        List<Template> templates = new ArrayList<>();
        for (Class<?> resource : resources) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    Pattern path = pattern(join(root.value(), sub == null ? "" : sub.value()));
                    Template template = templates.stream().filter(t -> t.path().pattern().equals(path.pattern()))
                            .findFirst().orElseGet(() -> {
                                Template added = new Template(path, new TreeSet<>(), new java.util.HashMap<>(),
                                        new java.util.HashMap<>());
                                templates.add(added);
                                return added;
                            });
                    template.methods().add(verb);
                    Consumes consumes = method.getAnnotation(Consumes.class) != null
                            ? method.getAnnotation(Consumes.class) : resource.getAnnotation(Consumes.class);
                    if (consumes != null) {
                        template.consumes().computeIfAbsent(verb, v -> new TreeSet<>())
                                .addAll(java.util.Arrays.asList(consumes.value()));
                    }
                    Produces produces = method.getAnnotation(Produces.class) != null
                            ? method.getAnnotation(Produces.class) : resource.getAnnotation(Produces.class);
                    if (produces != null) {
                        template.produces().computeIfAbsent(verb, v -> new TreeSet<>())
                                .addAll(java.util.Arrays.asList(produces.value()));
                    }
                }
            }
        }
        return new AllowedMethods(List.copyOf(templates));
    }

    /** The running service's, read once from its beans (Quarkus makes every resource class a bean). */
    static AllowedMethods service() {
        AllowedMethods read = service;
        if (read == null) {
            ArcContainer container = Arc.container();
            List<Class<?>> resources = new ArrayList<>();
            if (container != null) {
                for (Bean<?> bean : container.beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                    resources.add(bean.getBeanClass());
                }
            }
            read = of(resources);
            service = read;
        }
        return read;
    }

    /** The methods the endpoints at {@code path} take, sorted, with HEAD where GET is; empty when none is there. */
    Set<String> at(String path) {
        String normalised = path.startsWith("/") ? path : "/" + path;
        Set<String> methods = new TreeSet<>();
        for (Template template : templates) {
            if (template.path().matcher(normalised).matches()) {
                methods.addAll(template.methods());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods;
    }

    /**
     * The media types a body of {@code method} at {@code path} may have, as the endpoints' {@code @Consumes} name
     * them, sorted; empty when no endpoint there names any (or none is there).
     */
    Set<String> consumes(String method, String path) {
        return types(method, path, Template::consumes);
    }

    /**
     * The media types {@code method} at {@code path} answers with, as the endpoints' {@code @Produces} name them,
     * sorted (HEAD: GET's); empty when no endpoint there names any.
     */
    Set<String> produces(String method, String path) {
        return types("HEAD".equals(method) ? "GET" : method, path, Template::produces);
    }

    private Set<String> types(String method, String path,
            java.util.function.Function<Template, java.util.Map<String, Set<String>>> of) {
        String normalised = path.startsWith("/") ? path : "/" + path;
        Set<String> types = new TreeSet<>();
        for (Template template : templates) {
            if (template.path().matcher(normalised).matches()) {
                types.addAll(of.apply(template).getOrDefault(method, Set.of()));
            }
        }
        return types;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String joined = "/" + root + "/" + sub;
        joined = joined.replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** A template as a pattern of whole paths: a parameter is one segment (or its own regex); a final / is optional. */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())));
            String own = parameter.group(1);
            regex.append('(').append(own == null || own.isBlank() ? "[^/]+" : own.strip()).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
