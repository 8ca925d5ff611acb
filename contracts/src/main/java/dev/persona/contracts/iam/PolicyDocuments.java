package dev.persona.contracts.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A principal's permissions as an IAM policy document (JSON), with the resources named where the system
 * runs: what the local runtime evaluates, what the credential vendor passes to {@code AssumeRole} as the
 * session policy, and what the tests hand to a reference IAM simulator.
 */
public final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /** Every permission of {@code principal}, one statement each, in the model's order. */
    public static String of(Principal principal, ResourceNames names) {
        return of(principal, names, null);
    }

    /** As {@link #of(Principal, ResourceNames)}, with per-user resources for {@code userId}. */
    public static String of(Principal principal, ResourceNames names, String userId) {
        StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        List<Permission> permissions = principal.permissions();
        for (int i = 0; i < permissions.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            statement(json, permissions.get(i), principal, names, userId);
        }
        return json.append("]}").toString();
    }

    private static void statement(StringBuilder json, Permission permission, Principal principal, ResourceNames names,
            String userId) {
        json.append("{\"Effect\":\"Allow\",\"Action\":");
        array(json, permission.actions());
        json.append(",\"Resource\":");
        List<String> resources = new ArrayList<>();
        for (Resource resource : permission.resources()) {
            resources.add(names.arn(resource, principal, userId));
        }
        array(json, resources);
        if (!permission.conditions().isEmpty()) {
            Map<String, Map<String, List<String>>> byOperator = new LinkedHashMap<>();
            for (Condition condition : permission.conditions()) {
                List<String> values = condition.values().stream().map(names::value).toList();
                byOperator.computeIfAbsent(condition.operator(), operator -> new LinkedHashMap<>())
                        .put(condition.key(), values);
            }
            json.append(",\"Condition\":{");
            boolean firstOperator = true;
            for (Map.Entry<String, Map<String, List<String>>> operator : byOperator.entrySet()) {
                if (!firstOperator) {
                    json.append(',');
                }
                firstOperator = false;
                string(json, operator.getKey());
                json.append(":{");
                boolean firstKey = true;
                for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                    if (!firstKey) {
                        json.append(',');
                    }
                    firstKey = false;
                    string(json, key.getKey());
                    json.append(':');
                    array(json, key.getValue());
                }
                json.append('}');
            }
            json.append('}');
        }
        json.append('}');
    }

    private static void array(StringBuilder json, List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, values.get(i));
        }
        json.append(']');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
