package dev.persona.trpc;

import dev.persona.api.ApiServices;
import dev.persona.api.DataDeletionService;
import dev.persona.api.JobService;
import dev.persona.api.PersonaService;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.notes.NoteService;
import dev.persona.profile.ProfileService;

/** The services the procedures call: the very ones behind the REST routes, composed by {@link ApiServices}. */
public record Services(ApiServices.Uploads uploads, JobService jobs, PersonaService personas,
        DataDeletionService deletion, ProfileService profiles, NoteService notes, BookmarkService bookmarks,
        ApiServices.Files files) {
}
