package dev.persona.contracts;

import java.util.List;

/**
 * The project's tables. Both are keyed by user first, so every query is confined to one user's items.
 */
public final class Tables {

    /** Index listing one user's items newest first. */
    public static final String BY_CREATED_AT = "byCreatedAt";

    /** One item per upload: its pipeline status, counts and outcome. See {@link JobAttributes}. */
    public static final TableDefinition JOBS = new TableDefinition(
            "Jobs",
            KeyAttribute.string(JobAttributes.USER_ID),
            KeyAttribute.string(JobAttributes.JOB_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                    KeyAttribute.string(JobAttributes.USER_ID),
                    KeyAttribute.string(JobAttributes.CREATED_AT))),
            JobAttributes.EXPIRES_AT,
            EnvironmentVariables.JOBS_TABLE,
            StateMachineSubstitutions.JOBS_TABLE_NAME);

    /** One item per built persona: the summary shown in lists and the key of the full document. */
    public static final TableDefinition PERSONAS = new TableDefinition(
            "Personas",
            KeyAttribute.string(PersonaAttributes.USER_ID),
            KeyAttribute.string(PersonaAttributes.JOB_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                    KeyAttribute.string(PersonaAttributes.USER_ID),
                    KeyAttribute.string(PersonaAttributes.CREATED_AT))),
            PersonaAttributes.EXPIRES_AT,
            EnvironmentVariables.PERSONAS_TABLE,
            null);

    public static final List<TableDefinition> ALL = List.of(JOBS, PERSONAS);

    private Tables() {
    }
}
