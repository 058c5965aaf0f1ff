package io.porter.tickets;

/** A kind of ticket (a bug report, a refund request) with the category its tickets take. */
public record TicketType(long id, String name, String category) {
}
