package io.smolsnake.embedded.lambda;

/** A Lambda API error as the SDKs parse it: HTTP status, {@code x-amzn-ErrorType}, message. */
final class LambdaApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;

    LambdaApiException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static LambdaApiException notFound(String message) {
        return new LambdaApiException(404, "ResourceNotFoundException", message);
    }

    static LambdaApiException conflict(String message) {
        return new LambdaApiException(409, "ResourceConflictException", message);
    }

    static LambdaApiException invalid(String message) {
        return new LambdaApiException(400, "InvalidParameterValueException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
