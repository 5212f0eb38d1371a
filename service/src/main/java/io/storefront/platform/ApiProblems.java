package io.storefront.platform;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds the exceptions modules throw for client errors: each becomes an RFC 9457 problem with a stable
 * {@code type} under {@code /problems/} and a title that never changes with the detail.
 */
public final class ApiProblems {

    private ApiProblems() {}

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    /** Base of a module's client-error exceptions, e.g. {@code class StoreNotFound extends ApiException}. */
    public abstract static class ApiException extends ErrorResponseException {
        protected ApiException(HttpStatus status, String type, String title, String detail) {
            super(status, problem(status, type, title, detail), null);
        }
    }
}
