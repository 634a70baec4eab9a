package io.github.livetemplate.test.board;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import java.util.List;

/** The test kit's own page: a message board with rooms, compiled by the real processor. */
@LiveTemplate("board.tmpl")
public record Board(
        String room, String user, List<Post> posts, String draft, FieldErrors errors, Flash flash) {

    public Board {
        posts = List.copyOf(posts);
    }

    public static Board initial() {
        return new Board("", "", List.of(), "", FieldErrors.none(), Flash.none());
    }

    /** The state mount gives an anonymous tab of the lobby. */
    public Board withRoomForTest() {
        return withRoom("lobby", "guest");
    }

    Board withRoom(String room, String user) {
        return new Board(room, user, posts, draft, errors, flash);
    }

    Board withPosts(List<Post> posts) {
        return new Board(room, user, posts, draft, errors, flash);
    }

    Board withDraft(String draft) {
        return new Board(room, user, posts, draft, errors, flash);
    }
}
