package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 24: positional (unkeyed) rows of records with structure-changing conditionals. */
@LiveTemplate("c25_unkeyed_records.tmpl")
public record C25UnkeyedRecords(List<Note> notes, List<Task> tasks) {

    /** A record without any id/key component. */
    public record Note(String text, boolean pinned, List<String> tags) {}
}
