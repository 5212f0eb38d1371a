package io.storefront.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place exceptions become HTTP answers: RFC 9457 problems with a stable type, field errors for
 * validation, and nothing internal (no stack trace, SQL or exception message of a library) in any body.
 * Module exceptions extend {@link org.springframework.web.ErrorResponseException} and carry their own problem.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    record FieldProblem(String field, String message) {}

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid("One or more fields are invalid.", ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), String.valueOf(e.getDefaultMessage())))
                .toList());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid("One or more parameters are invalid.", ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> new FieldProblem(
                        r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
                        String.valueOf(e.getDefaultMessage()))))
                .toList());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedByTooLargeBody(ex)) {
            return tooLarge();
        }
        JacksonException bound = find(ex, JacksonException.class);
        String field = bound == null || bound.getPath().isEmpty() ? null : field(bound.getPath());
        if (field != null && find(ex, NulCharacters.Found.class) != null) {
            return invalid("'" + field + "' " + NulCharacters.MESSAGE + ".",
                    List.of(new FieldProblem(field, NulCharacters.MESSAGE)));
        }
        // the parser's message would echo input and internals; say what the client can fix
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "malformed-body",
                "Malformed request body", "The request body is not valid JSON of the expected shape.");
        if (field != null) {
            problem.setProperty("errors", List.of(new FieldProblem(field, "invalid value or type")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code items[0].name} from Jackson's path of the value that failed to bind. */
    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return invalid("Parameter '" + ex.getName() + "' has an invalid value.",
                List.of(new FieldProblem(ex.getName(), "invalid value")));
    }

    private static ResponseEntity<Object> invalid(String detail, List<FieldProblem> fields) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", fields);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    ResponseEntity<Object> bodyTooLarge() {
        return tooLarge();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (causedByTooLargeBody(ex)) {
            return tooLarge();
        }
        log.error("Unhandled error", ex);
        return ResponseEntity.internalServerError().body(ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal", "Internal error", "Something went wrong on our side; it has been logged."));
    }

    private static ResponseEntity<Object> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large", "Request body too large", "The request body exceeds the size this endpoint accepts."));
    }

    private static boolean causedByTooLargeBody(Throwable ex) {
        return find(ex, RequestBodyLimit.BodyTooLarge.class) != null;
    }

}
