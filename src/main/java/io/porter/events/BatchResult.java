package io.porter.events;

import java.util.List;

/** What a batch wrote: how many events, and the events themselves in the order sent. */
record BatchResult(int created, List<ContactEvent> data) {
}
