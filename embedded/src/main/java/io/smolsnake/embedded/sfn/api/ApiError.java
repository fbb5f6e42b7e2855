package io.smolsnake.embedded.sfn.api;

/** A call the endpoint refuses, answered as {@code {"__type": code, "message": message}}. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    ApiError(String code, String message) {
        this(code, message, 400);
    }

    ApiError(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static ApiError validation(String message) {
        return new ApiError("ValidationException", message);
    }
}
