package dev.persona.local.stepfunctions.asl.paths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** One step of a compiled {@link JsonPath}. */
public sealed interface PathSegment {

    /** The values this step selects from {@code node}; nothing when it does not apply. */
    List<JsonNode> select(JsonNode node, JsonNode documentRoot);

    /** True when the step selects at most one value. */
    boolean isDefinite();

    /** The step as Jayway prints it in normalized paths. */
    String fragment();

    /** {@code .name} or {@code ['name']}. */
    record Member(String name) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            JsonNode child = node.isObject() ? node.get(name) : null;
            return child == null ? List.of() : List.of(child);
        }

        @Override
        public boolean isDefinite() {
            return true;
        }

        @Override
        public String fragment() {
            return "['" + name + "']";
        }
    }

    /** {@code ['a','b']}: several members. */
    record Members(List<String> names) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            if (node.isObject()) {
                for (String name : names) {
                    JsonNode child = node.get(name);
                    if (child != null) {
                        selected.add(child);
                    }
                }
            }
            return selected;
        }

        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public String fragment() {
            return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(",", "[", "]"));
        }
    }

    /** {@code *} or {@code [*]}: every member value or element. */
    record Wildcard() implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    selected.add(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(selected::add);
            }
            return selected;
        }

        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public String fragment() {
            return "[*]";
        }
    }

    /** {@code [0]}, {@code [-1]} or {@code [0,2]}. */
    record Index(int[] indexes) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            if (node.isArray()) {
                for (int index : indexes) {
                    int position = index < 0 ? node.size() + index : index;
                    if (position >= 0 && position < node.size()) {
                        selected.add(node.get(position));
                    }
                }
            }
            return selected;
        }

        @Override
        public boolean isDefinite() {
            return indexes.length == 1;
        }

        @Override
        public String fragment() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < indexes.length; i++) {
                out.append(i == 0 ? "" : ",").append(indexes[i]);
            }
            return out.append(']').toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Index index && Arrays.equals(indexes, index.indexes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(indexes);
        }

        @Override
        public String toString() {
            return fragment();
        }
    }

    /** {@code [from:to:step]}, each part optional. */
    record Slice(Integer from, Integer to, Integer step) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            if (!node.isArray()) {
                return selected;
            }
            int size = node.size();
            int increment = step == null ? 1 : step;
            int start = from == null ? 0 : from < 0 ? Math.max(0, size + from) : Math.min(from, size);
            int end = to == null ? size : to < 0 ? Math.max(0, size + to) : Math.min(to, size);
            if (increment > 0) {
                for (int i = start; i < end; i += increment) {
                    selected.add(node.get(i));
                }
            }
            return selected;
        }

        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public String fragment() {
            return "[" + (from == null ? "" : from) + ":" + (to == null ? "" : to)
                    + (step == null ? "" : ":" + step) + "]";
        }
    }

    /** {@code [?(...)]}: the elements (or member values) for which the predicate holds. */
    record Filter(FilterPredicate predicate) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (predicate.test(element, documentRoot)) {
                        selected.add(element);
                    }
                }
            } else if (node.isObject() && predicate.test(node, documentRoot)) {
                selected.add(node);
            }
            return selected;
        }

        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public String fragment() {
            return "[?]";
        }
    }

    /** {@code ..target}: the target step applied at every depth. */
    record DeepScan(PathSegment target) implements PathSegment {
        @Override
        public List<JsonNode> select(JsonNode node, JsonNode documentRoot) {
            List<JsonNode> selected = new ArrayList<>();
            scan(node, documentRoot, selected);
            return selected;
        }

        private void scan(JsonNode node, JsonNode documentRoot, List<JsonNode> selected) {
            selected.addAll(target.select(node, documentRoot));
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    scan(field.getValue(), documentRoot, selected);
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    scan(element, documentRoot, selected);
                }
            }
        }

        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public String fragment() {
            return ".." + target.fragment();
        }
    }
}
