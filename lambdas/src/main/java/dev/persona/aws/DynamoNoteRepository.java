package dev.persona.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.NoteAttributes;
import dev.persona.contracts.Tables;
import dev.persona.items.ListingCursor;
import dev.persona.items.Page;
import dev.persona.notes.Note;
import dev.persona.notes.NoteRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.aws.DynamoItems.string;

/** {@link NoteRepository} on the notes table ({@link Tables#NOTES}). */
public final class DynamoNoteRepository implements NoteRepository {

    /** What a listing reads of each note: everything but the body. */
    private static final List<String> SUMMARY = List.of(NoteAttributes.NOTE_ID, NoteAttributes.TITLE,
            NoteAttributes.TAGS, NoteAttributes.CREATED_AT, NoteAttributes.UPDATED_AT, NoteAttributes.REVISION);

    private final DynamoTaggedItems items;

    public DynamoNoteRepository(DynamoDbClient dynamo, String table) {
        this.items = new DynamoTaggedItems(dynamo, Tables.NOTES, table, NoteAttributes.TAGS, NoteAttributes.REVISION,
                NoteAttributes.CREATED_AT);
    }

    @Override
    public Optional<Note> find(String userId, String noteId) {
        return items.find(userId, noteId).map(this::note);
    }

    @Override
    public void create(String userId, Note note) {
        items.create(userId, note.noteId(), attributes(note));
    }

    @Override
    public void replace(String userId, Note previous, Note next) {
        items.replace(userId, next.noteId(), attributes(previous), attributes(next));
    }

    @Override
    public void delete(String userId, Note previous) {
        items.delete(userId, previous.noteId(), attributes(previous));
    }

    @Override
    public Page<Note> list(String userId, Optional<String> tag, int limit, ListingCursor after) {
        Page<Map<String, AttributeValue>> page = items.list(userId, tag.orElse(null), limit, after, SUMMARY);
        return new Page<>(page.items().stream().map(this::note).toList(), page.next());
    }

    @Override
    public ListingCursor cursor(String encoded, String userId, Optional<String> tag) {
        return items.cursor(encoded, userId, tag);
    }

    @Override
    public int deleteAll(String userId) {
        return items.deleteAll(userId);
    }

    private static Map<String, AttributeValue> attributes(Note note) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(NoteAttributes.TITLE, AttributeValue.fromS(note.title()));
        item.put(NoteAttributes.BODY, AttributeValue.fromS(note.body()));
        if (!note.tags().isEmpty()) {
            item.put(NoteAttributes.TAGS, AttributeValue.fromSs(note.tags()));
        }
        item.put(NoteAttributes.CREATED_AT, AttributeValue.fromS(note.createdAt()));
        item.put(NoteAttributes.UPDATED_AT, AttributeValue.fromS(note.updatedAt()));
        item.put(NoteAttributes.REVISION, AttributeValue.fromS(note.revision()));
        return item;
    }

    private Note note(Map<String, AttributeValue> item) {
        return new Note(string(item, NoteAttributes.NOTE_ID), string(item, NoteAttributes.TITLE),
                string(item, NoteAttributes.BODY), List.copyOf(items.tags(item)), string(item, NoteAttributes.CREATED_AT),
                string(item, NoteAttributes.UPDATED_AT), string(item, NoteAttributes.REVISION));
    }
}
