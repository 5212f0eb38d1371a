package io.storefront.insights;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A date range or parameter of an insights request that cannot be answered: 400 with the parameter named. */
public class InvalidInsightsRequest extends ErrorResponseException {

    static final URI TYPE = URI.create("https://storefront-insights.io/problems/invalid-insights-request");

    InvalidInsightsRequest(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(TYPE);
        problem.setTitle("Invalid insights request");
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
