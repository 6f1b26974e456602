package org.journeyplatform.api.problems;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the description behind every problem {@code type} URI, so a caller can look an error up. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Problem types", description = "What each problem type URI means")
public class ProblemTypesController {

    @GetMapping("/problems")
    @Operation(summary = "Every problem type the API answers with")
    public Map<String, Map<String, Object>> all() {
        return ProblemType.catalogue();
    }

    @GetMapping("/problems/{code}")
    @Operation(summary = "One problem type")
    public ResponseEntity<Map<String, Object>> one(@PathVariable String code) {
        return ProblemType.describe(code)
                .map(ResponseEntity::ok)
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "There is no problem type '" + code + "'."));
    }
}
