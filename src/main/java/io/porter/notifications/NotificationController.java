package io.porter.notifications;

import io.porter.api.ApiException;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "What the workspace has been told, such as an import that completed")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "Recent notifications, newest first, with the unread count")
    Map<String, Object> list(@RequestParam(defaultValue = "50") int limit) {
        long ws = CurrentWorkspace.id();
        List<Notifications.Notification> data = notifications.recent(ws, Math.max(1, Math.min(limit, 200)));
        return Map.of("data", data, "unread", notifications.unread(ws));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one notification read")
    ResponseEntity<Void> read(@PathVariable long id) {
        if (!notifications.markRead(CurrentWorkspace.id(), id)) {
            throw ApiException.notFound("There is no notification " + id + " in this workspace");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read")
    @Operation(summary = "Mark every notification read")
    ResponseEntity<Void> readAll() {
        notifications.markAllRead(CurrentWorkspace.id());
        return ResponseEntity.noContent().build();
    }
}
