package dev.persona.trpc.typescript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.json.Json;
import dev.persona.trpc.AppRouter;
import dev.persona.trpc.InputSchema;
import dev.persona.trpc.Procedure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checked-in TypeScript declaration of the router is the one the procedures generate. The build writes the
 * current one to {@code lambdas/target/app-router.d.ts}; when they differ, copy it over the checked-in file.
 */
class AppRouterDeclarationTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path GENERATED = Path.of("target", "app-router.d.ts");

    private final AppRouterDeclaration declaration =
            new AppRouterDeclaration(OpenApiContract.document(), OpenApiContract.DOCUMENT.getParent());

    @Test
    void theCheckedInDeclarationIsTheGeneratedOne() throws Exception {
        String generated = declaration.render(AppRouter.PROCEDURES);
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated);

        Path checkedIn = REPOSITORY.resolve(AppRouterDeclaration.CHECKED_IN);
        assertThat(Files.exists(checkedIn) ? Files.readString(checkedIn) : "")
                .as("%s is stale: regenerate it with  cp lambdas/%s %s", AppRouterDeclaration.CHECKED_IN, GENERATED,
                        AppRouterDeclaration.CHECKED_IN)
                .isEqualTo(generated);
    }

    @Test
    void everyProcedureIsTypedFromItsSchemas() {
        String generated = declaration.render(AppRouter.PROCEDURES);

        assertThat(generated)
                .contains("list: TRPCQueryProcedure<{ input: PageInput | undefined; output: JobList; meta: object }>")
                .contains("get: TRPCQueryProcedure<{ input: JobIdInput; output: Job; meta: object }>")
                .contains("latest: TRPCQueryProcedure<{ input: void; output: Persona; meta: object }>")
                .contains("create: TRPCMutationProcedure<{ input: CreateUploadRequest; output: CreatedUpload; meta: object }>")
                .contains("deleteData: TRPCMutationProcedure<{ input: void; output: DeletionReport; meta: object }>")
                .contains("export type JobStatus = \"AWAITING_UPLOAD\" | \"QUEUED\" | \"RUNNING\" | \"SUCCEEDED\" | \"FAILED\";")
                .contains("  sizeBytes: number;\n")
                .contains("  timezone?: string;\n")
                .contains("  'Content-Type': string;\n")
                .contains("  schemaVersion: \"1.1\";\n")
                .contains("skippedByReason?: Partial<Record<\"advertisement\" | ")
                .contains("export interface Persona {");
    }

    @Test
    void anInputReferringToARestRequestSchemaNestsItsTypeAndAProcedureWithoutOutputIsVoid() {
        String generated = declaration.render(AppRouter.PROCEDURES);

        assertThat(generated)
                .contains("update: TRPCMutationProcedure<{ input: NoteUpdateInput; output: VersionedNote; meta: object }>")
                .contains("export interface NoteUpdateInput {\n")
                .contains("  ifMatch: string;\n  note: NoteRequest;\n}")
                .contains("/** A note: its title, its Markdown body and its tags. */\nexport interface NoteRequest {")
                .contains("  ifMatch?: string;\n  changes: UpdateProfileRequest;\n}")
                .contains("export interface VersionedNote {\n")
                .contains("  etag: string;\n  note: Note;\n}")
                .contains("delete: TRPCMutationProcedure<{ input: NoteDeleteInput; output: void; meta: object }>")
                .contains("get: TRPCQueryProcedure<{ input: void; output: VersionedProfile; meta: object }>");
        assertThat(generated.split("export interface NoteRequest ", -1)).as("declared once").hasSize(2);
    }

    @Test
    void aSchemaWithAKeywordThatHasNoTypeScriptFailsTheGeneration() throws Exception {
        TypeScriptTypes types = new TypeScriptTypes(reference -> {
            throw new IllegalArgumentException(reference);
        });
        JsonNode oneOf = Json.MAPPER.readTree("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}");

        assertThatThrownBy(() -> types.type(oneOf, "")).hasMessageContaining("oneOf");
        assertThatThrownBy(() -> declaration.render(List.of(Procedure.query("a.b",
                InputSchema.required("trpc/job-id-input.json"), "NoSuchComponent", (api, call) -> null))))
                .hasMessageContaining("NoSuchComponent");
    }
}
