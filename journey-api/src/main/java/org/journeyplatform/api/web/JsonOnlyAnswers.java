package org.journeyplatform.api.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers in JSON only. Spring MVC adds a YAML converter whenever Jackson's YAML module is on the class path
 * (springdoc brings it), and that converter uses a mapper of its own: dates as arrays, timestamps as numbers, null
 * fields written out, none of the API's rules. It is taken out; the OpenAPI description's own YAML endpoint
 * ({@code /v3/api-docs.yaml}) writes its text itself and is not affected.
 */
@Configuration(proxyBeanMethods = false)
public class JsonOnlyAnswers implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(
                converter -> converter.getClass().getName().endsWith("MappingJackson2YamlHttpMessageConverter"));
    }
}
