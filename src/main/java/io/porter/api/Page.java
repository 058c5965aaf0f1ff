package io.porter.api;

import java.util.List;

/** One page of a list, with what a client needs to ask for the next one. */
public record Page<T>(List<T> data, int page, int perPage, long total) {
}
