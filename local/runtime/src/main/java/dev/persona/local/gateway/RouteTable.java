package dev.persona.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.ApiRoute;

/**
 * Finds the resource and method of a request path the way API Gateway does: a resource path is a sequence of
 * segments, each a literal or a {@code {parameter}} that matches one whole segment, and where two resources
 * match, the literal one wins ({@code /v1/personas/latest} over {@code /v1/personas/{jobId}}). A last segment
 * {@code {name+}} is a greedy parameter: it matches one or more segments, and its value is all of them joined by
 * {@code /}; every other resource that matches wins over it.
 */
final class RouteTable {

    private final List<Resource> resources;

    RouteTable(List<ApiRoute> routes) {
        Map<String, List<ApiRoute>> byPath = new LinkedHashMap<>();
        for (ApiRoute route : routes) {
            byPath.computeIfAbsent(route.path(), path -> new ArrayList<>()).add(route);
        }
        this.resources = byPath.entrySet().stream().map(e -> new Resource(e.getKey(), e.getValue())).toList();
    }

    /** The resource serving {@code path} (as sent, percent-encoded), with its path parameters decoded. */
    Optional<ResourceMatch> resource(String path) {
        String[] segments = segments(path);
        if (segments == null) {
            return Optional.empty();
        }
        return resources.stream()
                .filter(resource -> resource.matches(segments))
                .min(Comparator.comparing(Resource::specificity))
                .map(resource -> new ResourceMatch(resource, resource.parameters(segments)));
    }

    /** {@code /a/b} as {@code [a, b]}; null for a path that is not absolute or has empty segments. */
    private static String[] segments(String path) {
        if (path == null || !path.startsWith("/") || path.length() == 1) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return segments;
    }

    /** One resource path and the routes (methods) defined on it. */
    static final class Resource {
        private final String path;
        private final String[] template;
        private final List<ApiRoute> routes;

        private Resource(String path, List<ApiRoute> routes) {
            this.path = path;
            this.template = segments(path);
            this.routes = List.copyOf(routes);
            if (template == null) {
                throw new IllegalArgumentException("not a resource path: " + path);
            }
        }

        String path() {
            return path;
        }

        /** The methods defined on this resource, in route table order. */
        List<String> methods() {
            return routes.stream().map(ApiRoute::method).toList();
        }

        Optional<ApiRoute> route(String method) {
            return routes.stream().filter(route -> route.method().equals(method)).findFirst();
        }

        private boolean matches(String[] segments) {
            boolean greedy = isGreedy(template[template.length - 1]);
            if (greedy ? segments.length < template.length : segments.length != template.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                if (!isParameter(template[i]) && !template[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Orders matching resources: a literal segment sorts before a parameter, and a parameter before a greedy one,
         * at the first place they differ.
         */
        private String specificity() {
            StringBuilder key = new StringBuilder(template.length);
            for (String segment : template) {
                key.append(isGreedy(segment) ? '2' : isParameter(segment) ? '1' : '0');
            }
            return key.toString();
        }

        private Map<String, String> parameters(String[] segments) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                if (isGreedy(template[i])) {
                    List<String> rest = new ArrayList<>();
                    for (int j = i; j < segments.length; j++) {
                        rest.add(decode(segments[j]));
                    }
                    parameters.put(template[i].substring(1, template[i].length() - 2), String.join("/", rest));
                } else if (isParameter(template[i])) {
                    parameters.put(template[i].substring(1, template[i].length() - 1), decode(segments[i]));
                }
            }
            return parameters;
        }

        private static String decode(String segment) {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static boolean isGreedy(String segment) {
            return segment.startsWith("{") && segment.endsWith("+}");
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }

    /** The resource a path names and the values of its path parameters. */
    record ResourceMatch(Resource resource, Map<String, String> pathParameters) {
    }
}
