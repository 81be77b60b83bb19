package org.tapercds.hooks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The full application (MockMvc, no server) with the edge test stand-ins and a small body limit.
 * One shared configuration, so the context is built once for all edge tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "taper.max-body-bytes=" + EdgeTest.MAX_BODY_BYTES)
@Import(EdgeTestConfiguration.class)
@interface EdgeTest {
    int MAX_BODY_BYTES = 65_536;
}
