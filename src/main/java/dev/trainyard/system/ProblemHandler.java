package dev.trainyard.system;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.MultipartConfigElement;
import jakarta.validation.ConstraintViolationException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable type,
 * a human title and a detail that says what to fix. Nothing leaks a stack trace; an
 * unexpected failure is logged with a reference the user can quote.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ObjectProvider<MultipartConfigElement> multipart;

    ProblemHandler(ObjectProvider<MultipartConfigElement> multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        ex.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return respond(ex, ex.kind(), ex.getMessage(), ex.fieldProblems(), headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return respond(ex, ProblemType.VALIDATION_FAILED, summarize(errors), errors, new HttpHeaders(), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
        return respond(ex, ProblemType.FORBIDDEN, Problems.FORBIDDEN_DETAIL, List.of(), new HttpHeaders(), request);
    }

    /**
     * A database that does not answer right now (a closed connection, a lock or statement timeout, a deadlock): the
     * request's transaction was rolled back, so sending it again is safe. Any other database error is unexpected.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> handleDatabase(RuntimeException ex, WebRequest request) {
        if (!Databases.isTransient(ex)) {
            return handleUnexpected(ex, request);
        }
        log.warn("Database unavailable for {}: {}", path(request), Databases.rootMessage(ex));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(ex, ProblemType.SERVICE_UNAVAILABLE, Problems.DATABASE_UNAVAILABLE_DETAIL, List.of(), headers,
                request);
    }

    /** The firewall refuses what it reads lazily (form parameter names) once the request is in Spring MVC. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejected(RequestRejectedException ex, WebRequest request) {
        return respond(ex, ProblemType.INVALID_REQUEST, Problems.REJECTED_DETAIL, List.of(), new HttpHeaders(), request);
    }

    /** A multipart body that cannot be parsed (too large is {@link #handleMaxUploadSizeExceededException}). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
        return respond(ex, ProblemType.MALFORMED_BODY, MultipartProblem.malformed(ex, request), List.of(),
                new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, ex);
        return respond(ex, ProblemType.INTERNAL, "An unexpected error occurred on the server. It has been logged with "
                + "reference " + reference + "; if it persists, report that reference to your administrator.",
                List.of(), new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? new FieldProblem(field.getField(), field.getDefaultMessage() + rejected(field))
                        : new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return respond(ex, ProblemType.VALIDATION_FAILED, summarize(errors), errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return respond(ex, ProblemType.VALIDATION_FAILED, summarize(errors), errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return respond(ex, ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), List.of(), headers, request);
            }
        }
        BodyProblem body = BodyProblem.explain(ex);
        return respond(ex, ProblemType.MALFORMED_BODY, body.detail(), body.errors(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = ex.getContentType() == null ? "no Content-Type" : "Content-Type '" + ex.getContentType() + "'";
        String detail = "This endpoint does not accept " + sent + ". Send the body as one of: "
                + ex.getSupportedMediaTypes() + ".";
        return respond(ex, ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, List.of(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getMethod() + " is not supported on " + path(request) + ". Use one of: "
                + ex.getSupportedHttpMethods() + ".";
        return respond(ex, ProblemType.METHOD_NOT_ALLOWED, detail, List.of(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "There is no endpoint " + ex.getHttpMethod() + " " + path(request)
                + ". The API is listed at /swagger-ui.html and /v3/api-docs.";
        return respond(ex, ProblemType.NOT_FOUND, detail, List.of(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = MultipartProblem.tooLarge(ex, multipart.getIfAvailable());
        return respond(ex, ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String part = ex.getRequestPartName();
        String detail = "The multipart body has no file part named '" + part + "' (if it has parts, check that they "
                + "are separated by the boundary the Content-Type names). Send the file as that part, e.g. curl -F "
                + part + "=@data.csv.";
        return respond(ex, ProblemType.INVALID_REQUEST, detail,
                List.of(new FieldProblem(part, "is required: a file part of the multipart body")), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "a parameter" : "'" + ex.getPropertyName() + "'";
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        String detail = "The value '" + ex.getValue() + "' of " + name + " is not a valid " + expected + ".";
        return respond(ex, ProblemType.INVALID_REQUEST, detail,
                List.of(new FieldProblem(String.valueOf(ex.getPropertyName()), "must be a " + expected)),
                headers, request);
    }

    /** Every other exception Spring MVC knows: keep its status and its detail, give it our type and title. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : ex instanceof ErrorResponse response && response.getBody().getDetail() != null
                        ? response.getBody().getDetail() : ex.getMessage();
        return respond(ex, ProblemType.forStatus(status.value()), detail, List.of(), headers, request);
    }

    private ResponseEntity<Object> respond(Exception ex, ProblemType kind, String detail, List<FieldProblem> errors,
            HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = Problems.of(kind, detail, errors, path(request));
        return super.handleExceptionInternal(ex, problem, headers, kind.status(), request);
    }

    private static String summarize(List<FieldProblem> errors) {
        if (errors.size() == 1) {
            FieldProblem only = errors.get(0);
            return "Field '" + only.field() + "' " + only.message() + ". Fix it and send the request again.";
        }
        return errors.size() + " fields are invalid (listed in 'errors'). Fix them and send the request again.";
    }

    private static String rejected(FieldError field) {
        Object value = field.getRejectedValue();
        return value == null || value.toString().length() > 80 ? "" : " (was '" + value + "')";
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }
}
