package org.tapercds.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}), in place of Boot's {@code
 * BasicErrorController}: an error the container raised itself (before Spring MVC) is answered in the
 * service's error format with its status, and a direct call of {@code /error} is a plain 404 (Boot
 * answered it with {@code {"status": 999}}).
 */
@Controller
class ErrorPathController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ErrorCode code = status instanceof Integer value ? ErrorCode.forStatus(value) : ErrorCode.NOT_FOUND;
        throw new ApiException(code, code.title(), null);
    }
}
