package io.porter.web;

import io.porter.api.ApiException;
import io.porter.values.InvalidValueException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Refusals of the services on a page: the page 'error/refused' with the service's plain words, not problem JSON. */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletResponse response, Model model, java.util.Locale locale) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.message(locale));
        return "error/refused";
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    String denied(HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }

    @ExceptionHandler(InvalidValueException.class)
    String invalid(InvalidValueException e, HttpServletResponse response, Model model, java.util.Locale locale) {
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("message", e.message(locale));
        return "error/refused";
    }
}
