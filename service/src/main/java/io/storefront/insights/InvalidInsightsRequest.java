package io.storefront.insights;

import io.storefront.platform.ApiProblems.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A date range or parameter of an insights request that cannot be answered: 400 naming the parameter. */
public class InvalidInsightsRequest extends ApiException {

    InvalidInsightsRequest(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-insights-request", "Invalid insights request", detail);
        getBody().setProperty("parameter", parameter);
        getBody().setProperty("errors", List.of(Map.of("field", parameter, "message", detail)));
    }
}
