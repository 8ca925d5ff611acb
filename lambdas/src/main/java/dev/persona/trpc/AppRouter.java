package dev.persona.trpc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.persona.contracts.RequestSchemas;

import static dev.persona.trpc.InputSchema.optional;
import static dev.persona.trpc.InputSchema.required;
import static dev.persona.trpc.Procedure.mutation;
import static dev.persona.trpc.Procedure.query;

/**
 * The procedures served under {@code /trpc}: each is one line here, calling the service its REST route calls. The
 * TypeScript declaration {@code clients/src/generated/app-router.d.ts} is generated from this list (a test fails when
 * the checked-in file differs).
 */
public final class AppRouter {

    /** {@code {limit?, cursor?}}: the query parameters of {@code GET /v1/jobs}. */
    public static final String JOBS_LIST_INPUT = "trpc/jobs-list-input.json";
    /** {@code {jobId}}: the path parameter of {@code GET /v1/jobs/{jobId}} and {@code GET /v1/personas/{jobId}}. */
    public static final String JOB_ID_INPUT = "trpc/job-id-input.json";

    public static final List<Procedure> PROCEDURES = List.of(
            query("jobs.list", optional(JOBS_LIST_INPUT), "JobList",
                    (api, call) -> api.jobs().list(call.userId(), call.text("limit"), call.text("cursor"))),
            query("jobs.get", required(JOB_ID_INPUT), "Job",
                    (api, call) -> api.jobs().get(call.userId(), call.text("jobId").orElse(""))),
            query("personas.latest", null, "Persona",
                    (api, call) -> new JsonText(api.personas().latest(call.userId()))),
            query("personas.get", required(JOB_ID_INPUT), "Persona",
                    (api, call) -> new JsonText(api.personas().forJob(call.userId(), call.text("jobId").orElse("")))),
            mutation("uploads.create", required(RequestSchemas.CREATE_UPLOAD), "CreatedUpload",
                    (api, call) -> api.uploads().create(call.userId(), call.input())),
            mutation("me.deleteData", null, "DeletionReport",
                    (api, call) -> api.deletion().deleteAll(call.userId())));

    static {
        Set<String> paths = new HashSet<>();
        for (Procedure procedure : PROCEDURES) {
            if (!paths.add(procedure.path())) {
                throw new IllegalStateException("procedure declared twice: " + procedure.path());
            }
            if (PROCEDURES.stream().anyMatch(other -> other.path().startsWith(procedure.path() + "."))) {
                throw new IllegalStateException("a procedure cannot also be a router: " + procedure.path());
            }
        }
    }

    private AppRouter() {
    }
}
