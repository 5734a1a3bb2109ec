// The items endpoint as a Spring Boot 4 (Spring Framework 7) controller. NOT compiled by this repository's
// tests: Spring's jars come from Maven Central, which the test machine does not use. It needs
// spring-boot-starter-web (Spring Boot 4 names it spring-boot-starter-webmvc) on the classpath.
package com.example.items;

// --8<-- [start:controller]
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ItemController {

    private final ItemRepository items; // a Spring Data interface; Spring injects an implementation

    ItemController(ItemRepository items) { // constructor injection: no annotation needed
        this.items = items;
    }

    @GetMapping("/items/{id}")
    Item one(@PathVariable long id) {
        return items.findById(id).orElseThrow(() -> new ItemNotFound(id)); // Jackson writes the JSON
    }

    @ExceptionHandler(ItemNotFound.class)
    ProblemDetail notFound(ItemNotFound error) { // served as application/problem+json (RFC 9457)
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, error.getMessage());
    }
}
// --8<-- [end:controller]
